package dev.atenea.generation;

import java.util.HashMap;
import java.util.Map;

/**
 * Which tasks a list shows; a {@code null} field does not filter.
 */
public record TaskFilter(TaskStatus status, TaskType taskType) {

	public static final TaskFilter ALL = new TaskFilter(null, null);

	String where() {
		return ((this.status != null) ? " AND status = :status" : "")
				+ ((this.taskType != null) ? " AND task_type = :taskType" : "");
	}

	Map<String, Object> params() {
		Map<String, Object> params = new HashMap<>();
		if (this.status != null) {
			params.put("status", this.status.value());
		}
		if (this.taskType != null) {
			params.put("taskType", this.taskType.value());
		}
		return params;
	}

}
