package dev.atenea.system;

/**
 * A setting the process cannot start with, named with what it must be instead. Reported
 * at start as the whole of the failure, without a stack trace.
 */
public class ConfigurationException extends IllegalArgumentException {

	public ConfigurationException(String message) {
		super(message);
	}

}
