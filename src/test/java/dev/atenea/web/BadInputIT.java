package dev.atenea.web;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import dev.atenea.support.ApiClient;
import dev.atenea.support.IntegrationTestBase;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input gets a clear answer in the contract's error shape, never a 500, and leaves
 * nothing behind.
 */
class BadInputIT extends IntegrationTestBase {

	private ApiClient alice;

	@BeforeEach
	void signIn() {
		this.alice = newUser();
	}

	@Nested
	class WhenTheBodyIsNotJson {

		@Test
		void malformedJsonIsA400() {
			assertError(BadInputIT.this.alice.postRaw("/api/images", "{\"prompt\": ", "application/json"), 400,
					"malformed_request");
			assertError(BadInputIT.this.alice.postRaw("/api/images", "", "application/json"), 400, "malformed_request");
			assertError(BadInputIT.this.alice.postRaw("/api/images", "[\"a cat\"]", "application/json"), 400,
					"malformed_request");
			assertError(BadInputIT.this.alice.postRaw("/api/images", "\"a cat\"", "application/json"), 400,
					"malformed_request");
			assertNothingCreated();
		}

		@Test
		void anotherContentTypeIsA415() {
			assertError(BadInputIT.this.alice.postRaw("/api/images", "prompt=cat", "application/x-www-form-urlencoded"),
					415, "unsupported_media_type");
			assertError(BadInputIT.this.alice.postRaw("/api/images", "{\"prompt\":\"cat\"}", null), 415,
					"unsupported_media_type");
		}

		@Test
		void aHugeBodyIsA413() throws Exception {
			String huge = "{\"prompt\": \"" + "x".repeat(200_000) + "\"}";
			assertError(BadInputIT.this.alice.postRaw("/api/images", huge, "application/json"), 413, "too_large");

			HttpResponse<String> chunked = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/images"))
					.header("Authorization", "Bearer " + BadInputIT.this.alice.token())
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes())))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(chunked.statusCode()).isEqualTo(413);
			assertNothingCreated();
		}

	}

	@Nested
	class WhenAFieldIsWrong {

		@Test
		void wrongTypesAreNamedFieldByField() {
			JsonNode fields = assertError(
					BadInputIT.this.alice.post("/api/images", Map.of("prompt", 42, "width", "wide", "title", true)),
					422, "invalid")
				.get("fields");

			assertThat(fields.get("prompt").asString()).isEqualTo("Must be a string.");
			assertThat(fields.get("width").asString()).isEqualTo("Must be an integer.");
			assertThat(fields.get("title").asString()).isEqualTo("Must be a string.");
			assertNothingCreated();
		}

		@Test
		void everyWrongFieldIsNamedInOneAnswer() {
			JsonNode fields = assertError(BadInputIT.this.alice.postRaw("/api/images",
					"{\"prompt\": \"\", \"width\": 1, \"height\": \"z\"}", "application/json"), 422, "invalid")
				.get("fields");
			assertThat(fields.propertyNames()).containsExactlyInAnyOrder("prompt", "width", "height");

			fields = assertError(BadInputIT.this.alice.postRaw("/api/images",
					"{\"prompt\": \"\", \"provider\": \"nope\"}", "application/json"), 422, "invalid")
				.get("fields");
			assertThat(fields.propertyNames()).containsExactlyInAnyOrder("prompt", "provider");
			assertNothingCreated();
		}

		@Test
		void textMustBeWellFormedUnicodeAndIsCountedInCharacters() {
			assertField(BadInputIT.this.alice.postRaw("/api/images", "{\"prompt\": \"a\\ud800b\"}", "application/json"),
					"prompt");
			assertField(BadInputIT.this.alice.postRaw("/api/images", "{\"prompt\": \"cat\", \"title\": \"\\udc00\"}",
					"application/json"), "title");
			assertField(BadInputIT.this.alice.post("/api/images", Map.of("prompt", "\uD83D\uDE00".repeat(4001))),
					"prompt");
			assertNothingCreated();

			ApiClient.Response emoji = BadInputIT.this.alice.post("/api/images",
					Map.of("prompt", "\uD83D\uDE00".repeat(4000)));
			assertThat(emoji.status()).as(emoji.body()).isEqualTo(201);
			assertThat(emoji.json().get("title").asString()).isEqualTo("\uD83D\uDE00".repeat(59) + "…");
		}

		@Test
		void aMissingOrBlankPromptIsRefused() {
			assertField(BadInputIT.this.alice.post("/api/images", Map.of()), "prompt");
			assertField(BadInputIT.this.alice.post("/api/images", Map.of("prompt", "")), "prompt");
			assertField(BadInputIT.this.alice.post("/api/images", Map.of("prompt", "   \n ")), "prompt");
			assertField(BadInputIT.this.alice.post("/api/audio", Map.of("prompt", "audio wants text")), "text");
			assertNothingCreated();
		}

		@Test
		void aPromptOver4000CharactersIsRefusedAndOneOf4000IsTaken() {
			assertField(BadInputIT.this.alice.post("/api/videos", Map.of("prompt", "y".repeat(4001))), "prompt");
			assertNothingCreated();

			assertThat(BadInputIT.this.alice.post("/api/videos", Map.of("prompt", "y".repeat(4000))).status())
				.isEqualTo(201);
		}

		@Test
		void anUnknownProviderOrModelIsRefused() {
			JsonNode fields = assertField(
					BadInputIT.this.alice.post("/api/images", Map.of("prompt", "cat", "provider", "midjourney")),
					"provider");
			assertThat(fields.get("provider").asString()).contains("available: local");
			assertField(BadInputIT.this.alice.post("/api/images", Map.of("prompt", "cat", "model", "dall-e-9")),
					"model");
			assertNothingCreated();
		}

		@Test
		void optionsTheProviderDoesNotOfferAreRefused() {
			assertField(BadInputIT.this.alice.post("/api/videos", Map.of("prompt", "sea", "duration_seconds", 99)),
					"duration_seconds");
			assertField(BadInputIT.this.alice.post("/api/videos", Map.of("prompt", "sea", "duration_seconds", 2.5)),
					"duration_seconds");
			assertField(BadInputIT.this.alice.post("/api/videos", Map.of("prompt", "sea", "aspect_ratio", "4:3")),
					"aspect_ratio");
			assertField(BadInputIT.this.alice.post("/api/images", Map.of("prompt", "sea", "width", 10)), "width");
			assertField(BadInputIT.this.alice.post("/api/images", Map.of("prompt", "sea", "height", 9000)), "height");
			assertField(BadInputIT.this.alice.post("/api/audio", Map.of("text", "sea", "voice", "klingon")), "voice");
			assertNothingCreated();
		}

		@Test
		void aBadPriorityIsRefusedAndNothingIsQueued() {
			String item = createItem(BadInputIT.this.alice, "images", Map.of("prompt", "cat"));

			assertField(BadInputIT.this.alice.post("/api/images/" + item + "/generate", Map.of("priority", 10)),
					"priority");
			assertField(BadInputIT.this.alice.post("/api/images/" + item + "/generate", Map.of("priority", "high")),
					"priority");

			assertThat(BadInputIT.this.alice.get("/api/tasks").json().get("count").asInt()).isZero();
			assertThat(BadInputIT.this.alice.get("/api/images/" + item).json().get("status").asString())
				.isEqualTo("draft");
		}

		@Test
		void badQueryParametersAreRefused() {
			assertField(BadInputIT.this.alice.get("/api/tasks?status=sleeping"), "status");
			assertField(BadInputIT.this.alice.get("/api/tasks?task_type=hologram"), "task_type");
			assertField(BadInputIT.this.alice.get("/api/images?page=0"), "page");
			assertField(BadInputIT.this.alice.get("/api/images?page_size=1000"), "page_size");
			assertField(BadInputIT.this.alice.get("/api/notifications?unread=maybe"), "unread");
		}

		@Test
		void aPagePastTheEndIsEmptyAndLeadsBackToTheLastPage() {
			for (int i = 0; i < 3; i++) {
				createItem(BadInputIT.this.alice, "images", Map.of("prompt", "cat " + i));
			}

			JsonNode past = BadInputIT.this.alice.get("/api/images?page=99&page_size=2").json();

			assertThat(past.get("count").asInt()).isEqualTo(3);
			assertThat(past.get("results")).isEmpty();
			assertThat(past.get("next").isNull()).isTrue();
			assertThat(past.get("previous").asString()).contains("page=2").contains("page_size=2");
		}

	}

	@Nested
	class WhenTheThingDoesNotExist {

		@Test
		void unknownOrMalformedUuidsAreNotFound() {
			String random = UUID.randomUUID().toString();
			assertError(BadInputIT.this.alice.get("/api/images/" + random), 404, "not_found");
			assertError(BadInputIT.this.alice.get("/api/images/not-a-uuid"), 404, "not_found");
			assertError(BadInputIT.this.alice.postEmpty("/api/videos/" + random + "/generate"), 404, "not_found");
			assertError(BadInputIT.this.alice.get("/api/tasks/" + random), 404, "not_found");
			assertError(BadInputIT.this.alice.postEmpty("/api/tasks/" + random + "/cancel"), 404, "not_found");
			assertError(BadInputIT.this.alice.postEmpty("/api/notifications/" + random + "/read"), 404, "not_found");
			assertError(BadInputIT.this.alice.get("/media/images/" + random), 404, "not_found");
			assertError(BadInputIT.this.alice.get("/api/nothing-here"), 404, "not_found");
		}

		@Test
		void byteRangesOfAFileAreServedAndBadOnesHandledAsHttpSays() throws Exception {
			String item = createItem(BadInputIT.this.alice, "images",
					Map.of("prompt", "cat", "width", 64, "height", 64));
			awaitFinished(BadInputIT.this.alice, generate(BadInputIT.this.alice, "images", item).get("uuid").asString(),
					java.time.Duration.ofSeconds(30));
			byte[] whole = BadInputIT.this.alice.download("/media/images/" + item);

			HttpResponse<byte[]> part = rangeOf(item, "bytes=0-7");
			assertThat(part.statusCode()).isEqualTo(206);
			assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 0-7/" + whole.length);
			assertThat(part.body()).containsExactly(java.util.Arrays.copyOf(whole, 8));

			HttpResponse<byte[]> beyond = rangeOf(item, "bytes=99999999-");
			assertThat(beyond.statusCode()).isEqualTo(416);
			assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + whole.length);
			assertThat(beyond.body()).isEmpty();

			HttpResponse<byte[]> garbled = rangeOf(item, "bytes=abc");
			assertThat(garbled.statusCode()).isEqualTo(200);
			assertThat(garbled.body()).containsExactly(whole);
		}

		private HttpResponse<byte[]> rangeOf(String item, String range) throws Exception {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/media/images/" + item))
					.header("Authorization", "Bearer " + BadInputIT.this.alice.token())
					.header("Range", range)
					.build(), HttpResponse.BodyHandlers.ofByteArray());
		}

		@Test
		void anItemWithoutAFileHasNoFile() {
			String item = createItem(BadInputIT.this.alice, "images", Map.of("prompt", "cat"));

			assertError(BadInputIT.this.alice.get("/media/images/" + item), 404, "not_found");
		}

	}

	@Nested
	class WhenTheCallerIsNotSignedIn {

		@Test
		void everyApiCallNeedsCredentials() {
			ApiClient anonymous = ApiClient.anonymous(baseUrl());
			assertError(anonymous.get("/api/images"), 401, "not_authenticated");
			assertError(anonymous.post("/api/images", Map.of("prompt", "cat")), 401, "not_authenticated");
			assertError(new ApiClient(baseUrl(), "forged").get("/api/tasks"), 401, "not_authenticated");
		}

		@Test
		void wrongCredentialsGetNoToken() {
			ApiClient anonymous = ApiClient.anonymous(baseUrl());
			assertError(anonymous.post("/api/auth/token", Map.of("username", "nobody", "password", "x")), 401,
					"invalid_credentials");
			assertError(anonymous.post("/api/auth/token", Map.of("username", "nobody")), 422, "invalid");
			assertError(anonymous.postRaw("/api/auth/token", "{", "application/json"), 400, "malformed_request");
		}

		@Test
		void aSessionlessStateChangeFromABrowserNeedsACsrfToken() {
			ApiClient.Response response = ApiClient.anonymous(baseUrl())
				.postRaw("/videos/generate", "video_uuid=x", "application/x-www-form-urlencoded");

			assertThat(response.status()).isIn(302, 401, 403);
		}

	}

	@Test
	void cancellingAFinishedTaskIsAConflict() {
		String item = createItem(this.alice, "images", Map.of("prompt", "cat"));
		String task = generate(this.alice, "images", item).get("uuid").asString();
		awaitFinished(this.alice, task, java.time.Duration.ofSeconds(30));

		assertError(this.alice.postEmpty("/api/tasks/" + task + "/cancel"), 409, "conflict");
	}

	private void assertNothingCreated() {
		for (String kind : new String[] { "videos", "images", "audio" }) {
			assertThat(this.alice.get("/api/" + kind).json().get("count").asInt()).as(kind).isZero();
		}
	}

	private static JsonNode assertField(ApiClient.Response response, String field) {
		JsonNode fields = assertError(response, 422, "invalid").get("fields");
		assertThat(fields.has(field)).as("fields %s name %s", fields, field).isTrue();
		return fields;
	}

	private static JsonNode assertError(ApiClient.Response response, int status, String code) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		JsonNode error = response.json().get("error");
		assertThat(error.get("code").asString()).isEqualTo(code);
		assertThat(error.get("message").asString()).isNotBlank();
		return error;
	}

}
