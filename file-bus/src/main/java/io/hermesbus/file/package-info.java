/**
 * The file bus: a durable, append-only log in a folder that producer and consumer plugins in several processes
 * share. {@link io.hermesbus.file.FileBusProducer} appends, {@link io.hermesbus.file.FileBusConsumer} reads (both
 * found by {@link io.hermesbus.api.MessageBuses} under the name {@code file}), {@link io.hermesbus.file.FileBus}
 * administers a folder. The on-disk format is described in {@code SegmentFormat}; settings, durability, recovery and
 * retention in the module's README.
 */
package io.hermesbus.file;
