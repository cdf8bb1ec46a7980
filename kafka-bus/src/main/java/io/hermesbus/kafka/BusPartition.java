package io.hermesbus.kafka;

import io.hermesbus.api.InvalidSettingsException;
import java.util.List;
import java.util.OptionalInt;
import org.apache.kafka.common.TopicPartition;

/**
 * The one partition that carries the bus. Kafka orders events only within a partition, so a bus spread over
 * several would reorder them silently; as in Hermes, the bus lives on one partition: the topic's only one, or the
 * one the {@code partition} setting names.
 */
final class BusPartition {
    private BusPartition() {
    }

    /**
     * The partition of {@code topic} to use, given the numbers of the topic's {@code partitions}
     * as the broker reported them (empty when the topic does not exist).
     *
     * @throws InvalidSettingsException naming {@code topic} when it does not exist, or {@code partition} when the
     *     topic has several partitions and none was chosen, or the chosen one does not exist
     */
    static TopicPartition choose(KafkaBusSettings settings, List<Integer> partitions) {
        String topic = settings.topic();
        if (partitions.isEmpty()) {
            throw new InvalidSettingsException(KafkaBusSettings.TOPIC, "topic \"" + topic + "\" does not exist on "
                    + settings.servers() + "; create it with one partition (the plugins never create topics), for example "
                    + "kafka-topics.sh --create --topic " + topic + " --partitions 1 --bootstrap-server " + settings.servers().get(0));
        }
        int count = partitions.size();
        OptionalInt chosen = settings.partition();
        if (chosen.isEmpty()) {
            if (count > 1) {
                throw new InvalidSettingsException(KafkaBusSettings.PARTITION, "is missing: topic \"" + topic + "\" has "
                        + count + " partitions, and Kafka keeps the order of events only within one; set partition to the "
                        + "one that carries the bus (0 to " + (count - 1) + "), or use a topic with a single partition");
            }
            return new TopicPartition(topic, partitions.get(0));
        }
        int wanted = chosen.getAsInt();
        if (partitions.contains(wanted)) {
            return new TopicPartition(topic, wanted);
        }
        throw new InvalidSettingsException(KafkaBusSettings.PARTITION, "is " + wanted + " but topic \"" + topic + "\" has "
                + count + " partition" + (count == 1 ? " (0)" : "s (0 to " + (count - 1) + ")") + "; give one of those");
    }
}
