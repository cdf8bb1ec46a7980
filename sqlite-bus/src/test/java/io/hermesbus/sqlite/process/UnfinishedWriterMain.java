package io.hermesbus.sqlite.process;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * A writer to be killed mid-write: {@code UnfinishedWriterMain <file>}. Starts a transaction on an existing bus file
 * and inserts until SQLite has written changed pages into the file itself (a tiny page cache makes it spill), so
 * that the journal is needed to undo them; prints {@code ready} and waits to be killed.
 */
public final class UnfinishedWriterMain {
    private UnfinishedWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA cache_size = 10");
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hermesmessages (data, timestamp) VALUES (?, 0)")) {
                for (int i = 0; i < 3_000; i++) {
                    insert.setString(1, "x".repeat(1000));
                    insert.executeUpdate();
                }
            }
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(600_000);
        }
    }
}
