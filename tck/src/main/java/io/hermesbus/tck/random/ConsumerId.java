package io.hermesbus.tck.random;

/**
 * The two consumers every sequence opens. Two, because a bus whose consumers share one position passes any
 * check made with a single consumer.
 */
enum ConsumerId {
    A, B;

    String label() {
        return "consumer " + name();
    }
}
