package dev.atenea.generation;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an {@link Item} stands: it mirrors its latest task.
 */
public enum ItemStatus {

	DRAFT, QUEUED, PROCESSING, COMPLETED, FAILED;

	/**
	 * Every allowed change, in one table. A finished item may be generated again; a
	 * cancelled generation puts it back where it was before.
	 */
	private static final Map<ItemStatus, Set<ItemStatus>> ALLOWED = Map.of(DRAFT, EnumSet.of(QUEUED), QUEUED,
			EnumSet.of(PROCESSING, FAILED, DRAFT, COMPLETED), PROCESSING, EnumSet.of(QUEUED, COMPLETED, FAILED, DRAFT),
			COMPLETED, EnumSet.of(QUEUED), FAILED, EnumSet.of(QUEUED));

	public boolean canMoveTo(ItemStatus next) {
		return ALLOWED.get(this).contains(next);
	}

	public String value() {
		return name().toLowerCase();
	}

	public static ItemStatus fromValue(String value) {
		return valueOf(value.toUpperCase());
	}

}
