package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.cli.output.DebugLogging;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every logging stack of the command ends in java.util.logging, configured once by {@link DebugLogging}. */
class MainLoggingTest {

    @AfterEach
    void restoreDefaults() throws Exception {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void slf4j_onTheCommandsClassPath_isRoutedToJavaUtilLogging() {
        assertThat(org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName())
                .isEqualTo("org.slf4j.jul.JDK14LoggerFactory");
    }

    @Test
    void configureLogging_withoutDebug_showsNothing() {
        DebugLogging.configure(false);

        assertThat(Logger.getLogger("io.vodupload.domain.Uploader").isLoggable(Level.SEVERE)).isFalse();
        assertThat(org.slf4j.LoggerFactory.getLogger("org.apache.hc.client5.http.impl.classic.InternalHttpClient")
                .isErrorEnabled()).isFalse();
    }

    @Test
    void configureLogging_withDebug_showsOurFineRecordsButNoVendorHeaders() {
        DebugLogging.configure(true);
        System.gc(); // the vendor levels must survive a collection of unreferenced loggers

        assertThat(Logger.getLogger("io.vodupload.domain.Uploader").isLoggable(Level.FINE)).isTrue();
        assertThat(org.slf4j.LoggerFactory.getLogger("org.apache.hc.client5.http.headers").isDebugEnabled()).isFalse();
        assertThat(org.slf4j.LoggerFactory.getLogger("org.apache.hc.client5.http.wire").isDebugEnabled()).isFalse();
        assertThat(Logger.getLogger("org.apache.http.headers").isLoggable(Level.FINE)).isFalse();
        assertThat(Logger.getLogger("com.aliyun.oss").isLoggable(Level.FINE)).isFalse();
    }
}
