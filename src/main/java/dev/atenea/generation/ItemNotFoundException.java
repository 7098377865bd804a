package dev.atenea.generation;

import java.util.UUID;

import dev.atenea.provider.MediaKind;

/**
 * The user has no item of that kind with that uuid. Someone else's item is not found
 * either.
 */
public class ItemNotFoundException extends RuntimeException {

	public ItemNotFoundException(MediaKind kind, UUID uuid) {
		super("No " + kind.singular() + " " + uuid);
	}

}
