package io.vodupload.domain.internal;

import java.util.List;

/**
 * The result of {@link Machine#next}: the new state, the effects to perform in order, and whether the
 * event applied (a pause while not running, for example, does not).
 */
record Transition(State state, List<Effect> effects, boolean applied) {

    public Transition {
        effects = List.copyOf(effects);
    }
}
