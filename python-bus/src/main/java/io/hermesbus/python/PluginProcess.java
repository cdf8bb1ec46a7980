package io.hermesbus.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hermesbus.api.Secrets;
import io.hermesbus.python.PythonBusSettings.PluginLocation;
import io.hermesbus.python.PythonBusSettings.Role;
import io.hermesbus.python.PythonErrors.Stage;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Python process of one Java plugin, with its plugin loaded: started by the first {@code open()}, kept while the
 * plugin is open and, after {@code close()}, for {@code keep_alive_ms} more, so that a plugin opened and closed again
 * and again (as Hermes' client does around every loop) keeps one Python instance, as in Hermes. A process that is
 * not reopened in time, or whose Java plugin is dropped, is ended. Used by one thread at a time, but for
 * {@link #kill()}.
 */
final class PluginProcess implements Runnable {
    private static final ScheduledExecutorService ENDINGS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "python-bus-keep-alive");
        thread.setDaemon(true);
        return thread;
    });

    /** What loading may take beyond {@code call_timeout_ms}: Python's start and the plugin's imports, on a busy machine. */
    static final long STARTUP_MS = 10_000;

    private final PythonBusSettings settings;
    private final Role role;
    private final Secrets secrets;
    private final String plugin;
    private volatile BridgeProcess process;
    private ScheduledFuture<?> ending;

    PluginProcess(PythonBusSettings settings, Role role, Secrets secrets) {
        this.settings = settings;
        this.role = role;
        this.secrets = secrets;
        this.plugin = "the Python " + role.word + " plugin " + settings.location(role);
    }

    /** The plugin, as messages name it. */
    String plugin() {
        return plugin;
    }

    /**
     * The running process with the plugin loaded: the one kept since the last {@link #release()}, or a new one.
     *
     * @throws io.hermesbus.api.InvalidSettingsException if a file the settings name is missing, Python cannot be
     *     started, or the plugin found a setting missing
     * @throws PythonPluginException if the plugin cannot be loaded or its constructor raised
     */
    synchronized BridgeProcess acquire() {
        if (ending != null) {
            ending.cancel(false);
            ending = null;
        }
        if (process != null && process.running()) {
            return process;
        }
        settings.checkFiles(role);
        BridgeProcess started = BridgeProcess.start(settings.python(), plugin, secrets);
        process = started;
        ObjectNode load = BridgeProcess.request("load").put("role", role.word);
        if (settings.hermesHome() != null) {
            load.put("hermes_home", settings.hermesHome().toAbsolutePath().toString());
        }
        PluginLocation location = settings.location(role);
        if (location.file() != null) {
            load.put("file", PythonBusSettings.pluginFile(location.file()).toAbsolutePath().toString());
        } else {
            load.put("module", location.module());
            if (location.className() != null) {
                load.put("class", location.className());
            }
        }
        load.set("settings", load.pojoNode(settings.pluginSettings()));
        try {
            call(load, Stage.LOAD, "loading the plugin", STARTUP_MS);
        } catch (RuntimeException e) {
            started.kill();
            process = null;
            throw e;
        }
        return started;
    }

    /**
     * {@link #acquire() Acquires} the process and calls the plugin's {@code open()}; when that fails, the process is
     * {@link #release() released} again and the error thrown.
     *
     * @param call what the error messages name, such as {@code "open()"}
     */
    synchronized void open(String call) {
        acquire();
        try {
            call(BridgeProcess.request("open"), Stage.OPEN, call, 0);
        } catch (RuntimeException e) {
            release();
            throw e;
        }
    }

    /** Ends the process after {@code keep_alive_ms}, unless {@link #acquire()} takes it back first. */
    synchronized void release() {
        BridgeProcess current = process;
        if (current == null) {
            return;
        }
        if (settings.keepAliveMs() == 0) {
            end();
            return;
        }
        ending = ENDINGS.schedule(this, settings.keepAliveMs(), TimeUnit.MILLISECONDS);
    }

    /** Ends the process now (the keep-alive's task, and the {@link java.lang.ref.Cleaner}'s). */
    @Override
    public synchronized void run() {
        end();
    }

    private void end() {
        BridgeProcess current = process;
        process = null;
        ending = null;
        if (current != null) {
            current.end();
        }
    }

    /** Kills the process at once; safe from any thread. */
    void kill() {
        BridgeProcess current = process;
        if (current != null) {
            current.kill();
        }
    }

    /** The running process, for a call. @throws PythonProcessException if there is none */
    BridgeProcess current(String call) {
        BridgeProcess current = process;
        if (current == null) {
            throw new PythonProcessException(plugin + ": " + call + " without a Python process (it ended); close() and"
                    + " open() start a new one", call, null, List.of());
        }
        return current;
    }

    /**
     * One call, not interruptible, bounded by {@code waitMs} (what the call itself may wait, as the plugin's timeout)
     * plus {@code call_timeout_ms}.
     */
    JsonNode call(ObjectNode request, Stage stage, String call, long waitMs) {
        return current(call).call(request, settings.callTimeoutMs() + waitMs, call, error -> error(error, stage, call));
    }

    /** The Java exception for an error reply. */
    RuntimeException error(JsonNode error, Stage stage, String call) {
        return PythonErrors.toException(error, stage, call, plugin, secrets);
    }

    long callTimeoutMs() {
        return settings.callTimeoutMs();
    }
}
