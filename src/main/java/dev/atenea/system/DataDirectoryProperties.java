package dev.atenea.system;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Atenea keeps its files.
 *
 * @param dataDir the data directory: the embedded database, local media, work files. Set
 * by {@code ATENEA_DATA_DIR}.
 */
@ConfigurationProperties("atenea")
public record DataDirectoryProperties(@DefaultValue("./data") Path dataDir) {

	/**
	 * Where providers write files before they are stored.
	 */
	public Path workDirectory() {
		return this.dataDir.resolve("work");
	}

}
