package dev.atenea.web;

import java.util.Map;

import dev.atenea.support.ApiClient;
import dev.atenea.support.IntegrationTestBase;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/providers} on the default configuration, where no remote provider has
 * credentials.
 */
class ProviderApiIT extends IntegrationTestBase {

	@Test
	void listsOnlyTheProvidersAvailableNowByKindWithTheirOptions() {
		JsonNode providers = newUser().get("/api/providers").json();

		assertThat(providers.get("video").valueStream().map((p) -> p.get("name").asString())).containsExactly("local");
		assertThat(providers.get("audio").valueStream().map((p) -> p.get("name").asString())).containsExactly("local");
		assertThat(providers.get("image").valueStream().map((p) -> p.get("name").asString())).contains("local")
			.doesNotContain("gemini", "freepik");
		JsonNode video = providers.get("video").get(0);
		assertThat(video.get("default_model").asString()).isEqualTo("local-reel-1");
		assertThat(video.get("options").get("aspect_ratio").valueStream().map(JsonNode::asString)).contains("16:9");
	}

	@Test
	void aProviderWithoutCredentialsIsRefusedWith422() {
		ApiClient.Response response = newUser().post("/api/videos", Map.of("prompt", "a kite", "provider", "sora"));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.json().get("error").get("code").asString()).isEqualTo("invalid");
		assertThat(response.json().get("error").get("fields").get("provider").asString())
			.contains("not an available video provider");
	}

	@Test
	void needsAuthentication() {
		assertThat(ApiClient.anonymous(baseUrl()).get("/api/providers").status()).isEqualTo(401);
	}

}
