package io.vodupload.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.CliException;
import io.vodupload.cli.options.MediaType;
import io.vodupload.cli.target.VodSupport;
import io.vodupload.cli.wiring.VodApiFactory;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code vodupload refresh-upload --video-id ID}: RefreshUploadVideo, printing the VideoId, UploadAddress and
 * a fresh UploadAuth as JSON (the output an {@code --auth-command} may print). Only videos can be refreshed.
 */
@Command(name = "refresh-upload", mixinStandardHelpOptions = true,
        description = "Refresh a video's upload credentials (RefreshUploadVideo) and print VideoId, UploadAddress and UploadAuth as JSON.")
public final class RefreshUploadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VodOptions vod;

    @Mixin
    AccessKeyOptions keys;

    @Option(names = "--video-id", paramLabel = "ID", required = true, description = "The VideoId to refresh.")
    String videoId;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Timeout of the VOD request in seconds (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    GlobalOptions global;

    private final CliEnvironment env;
    // providers: the wiring behind them is built when the command runs, not for --help or a usage error
    private final Provider<Optional<VodApiFactory>> vodApis;
    private final Provider<ObjectMapper> mapper;

    @Inject
    RefreshUploadCommand(CliEnvironment env, Provider<Optional<VodApiFactory>> vodApis, Provider<ObjectMapper> mapper) {
        this.env = env;
        this.vodApis = vodApis;
        this.mapper = mapper;
    }

    @Override
    public Integer call() throws Exception {
        SecretFlags.warn(spec, env.err());
        if (videoId.isBlank()) {
            throw CliException.usage("--video-id is blank");
        }
        Duration timeout = VodSupport.timeout(timeoutSeconds);
        return VodSupport.printTicket(env, mapper.get(), vodApis.get(), vod.value().settings(keys.value(), env, timeout), "RefreshUploadVideo",
                MediaType.VIDEO, api -> api.refreshUploadVideo(videoId.trim()));
    }
}
