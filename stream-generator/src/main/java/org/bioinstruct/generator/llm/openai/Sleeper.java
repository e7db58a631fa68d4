package org.bioinstruct.generator.llm.openai;

/** Waits between attempts and for the rate limiters; tests inject one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = Thread::sleep;

    void sleep(long millis) throws InterruptedException;
}
