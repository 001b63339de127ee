package io.jocap.cli;

/** Something the user gave the command (a file, an argument) is unusable; the message says why. */
public final class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
