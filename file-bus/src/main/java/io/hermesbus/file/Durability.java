package io.hermesbus.file;

/**
 * When a producer forces its appends to the storage device ({@code durability} setting). The README's durability
 * table says what each mode survives.
 */
enum Durability {
    /** {@code force} before {@code send} returns: survives a process kill and a power loss. */
    SYNC,
    /**
     * {@code send} returns after the write; a background thread forces at least every {@code sync_interval_ms}, and
     * the sender forces once {@code sync_events} appends are unforced: survives a process kill; a power loss loses
     * at most that much.
     */
    GROUP,
    /** Never forces appends (only segment creation): survives a process kill, not a power loss. */
    OS
}
