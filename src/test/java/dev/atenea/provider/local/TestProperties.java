package dev.atenea.provider.local;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Builds {@link LocalProviderProperties} the way the application does, by binding, so
 * tests get the declared defaults without repeating them.
 */
final class TestProperties {

	private TestProperties() {
	}

	/**
	 * @param settings property names below {@code atenea.provider.local}, e.g.
	 * {@code render-directory}, with their values
	 */
	static LocalProviderProperties bind(Map<String, String> settings) {
		Map<String, String> prefixed = new HashMap<>();
		settings.forEach((name, value) -> prefixed.put("atenea.provider.local." + name, value));
		Binder binder = new Binder(new MapConfigurationPropertySource(prefixed));
		return binder.bindOrCreate("atenea.provider.local", LocalProviderProperties.class);
	}

}
