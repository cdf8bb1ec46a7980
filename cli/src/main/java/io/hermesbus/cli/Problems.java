package io.hermesbus.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.zip.ZipException;

/** Plain words for the I/O failures a user causes: a missing file, a file that cannot be read. */
final class Problems {
    private Problems() {
    }

    static String of(IOException failure) {
        if (failure instanceof NoSuchFileException) {
            return "no such file";
        }
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (failure instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (failure instanceof CharacterCodingException) {
            return "not UTF-8 text (bytes that no UTF-8 character is made of)";
        }
        if (failure instanceof ZipException) {
            return "not a jar (" + failure.getMessage() + ")";
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
