package dev.atenea.provider.remote;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the remote providers, one {@link ServiceProperties} per service account.
 * The contract's variables ({@code OPENAI_API_KEY}, {@code GEMINI_API_KEY},
 * {@code KLING_ACCESS_KEY} and {@code KLING_SECRET_KEY}, {@code FREEPIK_API_KEY},
 * {@code ELEVENLABS_API_KEY} and a {@code *_BASE_URL} for each) are mapped onto these by
 * {@code dev.atenea.system.ContractEnvironment}.
 *
 * @param openai OpenAI, for Sora videos
 * @param gemini the Gemini Developer API, for Veo videos and Gemini or Imagen images
 * @param kling Kling, for videos
 * @param freepik Freepik, for Mystic images
 * @param elevenlabs ElevenLabs, for speech
 */
@Validated
@ConfigurationProperties("atenea.provider")
public record RemoteProviderProperties(@DefaultValue @Valid ServiceProperties openai,
		@DefaultValue @Valid ServiceProperties gemini, @DefaultValue @Valid ServiceProperties kling,
		@DefaultValue @Valid ServiceProperties freepik, @DefaultValue @Valid ServiceProperties elevenlabs) {

}
