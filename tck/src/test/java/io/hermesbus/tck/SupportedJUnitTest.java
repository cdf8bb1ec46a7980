package io.hermesbus.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** The kit's JUnit check; archetype's build runs the kit on a JUnit below the oldest and checks that it says this. */
class SupportedJUnitTest {
    @Test
    void passesOnTheJUnitTheKitIsBuiltWith() {
        assertThatCode(SupportedJUnit::check).doesNotThrowAnyException();
    }

    @Test
    void anOlderJUnitIsNamedWithWhatTheKitNeedsAndHowToGetIt() {
        assertThat(SupportedJUnit.tooOld("5.11.4"))
                .contains("junit-jupiter-api 5.11.4")
                .contains("needs JUnit Jupiter " + SupportedJUnit.OLDEST + " or later")
                .contains("Import org.junit:junit-bom " + SupportedJUnit.OLDEST + " or later in <dependencyManagement>, "
                        + "before io.hermesbus:hermes-bus-bom");
        assertThat(SupportedJUnit.tooOld(null)).contains("runs on an older one");
    }
}
