package com.example.dirbus;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.HermesBusException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/** Writes each event as the next file of the bus folder; creates the folder when missing. Thread-safe. */
public final class DirBusProducer extends AbstractMessageBusProducerPlugin {
    private final DirBusFolder folder;

    /** @throws io.hermesbus.api.InvalidSettingsException naming a bad setting */
    public DirBusProducer(Map<String, ?> settings) {
        super(settings);
        this.folder = new DirBusFolder(DirBusSettings.from(settings()).folder());
    }

    @Override
    protected void doOpen() {
        try {
            Files.createDirectories(folder.path());
        } catch (IOException e) {
            throw new HermesBusException("cannot create the dir bus folder " + folder.path() + ": " + e, e);
        }
    }

    @Override
    protected void doSend(Event event) throws IOException {
        folder.append(event.toJson());
    }
}
