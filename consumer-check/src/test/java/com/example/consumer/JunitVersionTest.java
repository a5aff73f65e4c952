package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tests of this project really run on the JUnit the project chose, not on the one VodUpload is built with. */
class JunitVersionTest {

    @Test
    void jupiterOnTheClassPath_isTheProjectsOwnVersion() throws Exception {
        String expected = System.getProperty("expected.junit.version");
        assertThat(expected).as("set by the pom").isNotBlank();
        assertThat(Test.class.getPackage().getImplementationVersion()).isEqualTo(expected);
        assertThat(Class.forName("org.junit.jupiter.engine.JupiterTestEngine").getPackage().getImplementationVersion())
                .isEqualTo(expected);
    }
}
