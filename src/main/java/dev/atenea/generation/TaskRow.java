package dev.atenea.generation;

/**
 * A task in a list that spans users, with its owner's name.
 */
public record TaskRow(GenerationTask task, String username) {
}
