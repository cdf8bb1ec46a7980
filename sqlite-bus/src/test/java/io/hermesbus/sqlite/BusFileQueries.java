package io.hermesbus.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Queries on a bus file with plain JDBC, for tests that look at the rows themselves. */
final class BusFileQueries {
    private BusFileQueries() {
    }

    /** The rows of one query, each as a list of column values (JDBC's objects, integers always as Long). */
    static List<List<Object>> rows(RawBusFile raw, String sql) {
        try (Connection connection = raw.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<List<Object>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    Object value = rows.getObject(c);
                    row.add(value instanceof Integer small ? Long.valueOf(small) : value); // SQLite has one integer type
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on " + raw.file() + " failed", e);
        }
    }
}
