package dev.atenea.notification;

/**
 * A message for every open connection of one user, already in its wire form.
 *
 * @param userId whose connections receive it
 * @param json the frame's text
 */
public record UserEvent(long userId, String json) {
}
