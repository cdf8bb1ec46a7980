/**
 * A Hermes message bus plugin written in Python, driven from Java: {@link io.hermesbus.python.PythonBusConsumer} and
 * {@link io.hermesbus.python.PythonBusProducer} (found by {@link io.hermesbus.api.MessageBuses} under the name
 * {@code python}) each run the plugin in a child {@code python3} process, through a line protocol to a bridge script
 * shipped in this jar. Settings, the protocol and the exception table are in the module's README.
 */
package io.hermesbus.python;
