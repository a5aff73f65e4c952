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

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/**
 * {@code vodupload create-upload}: the app-server role. Calls CreateUploadVideo (or CreateUploadImage,
 * CreateUploadAttachedMedia) with the AccessKey and prints the media id, UploadAddress and UploadAuth as one
 * JSON object on stdout, for a client to upload with ({@code vodupload upload FILE --upload-address ...
 * --upload-auth ...}). The UploadAuth holds temporary credentials: printing it is this command's purpose,
 * so send it where it is needed, not to a log.
 */
@Command(name = "create-upload", mixinStandardHelpOptions = true,
        description = "Create a VOD upload (CreateUploadVideo/Image/AttachedMedia) and print VideoId, UploadAddress and UploadAuth as JSON.")
public final class CreateUploadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VodOptions vod;

    @Mixin
    AccessKeyOptions keys;

    @Mixin
    MediaOptions media;

    @Option(names = "--file-name", paramLabel = "NAME", required = true,
            description = "The source file's name, with its extension (e.g. movie.mp4).")
    String fileName;

    @Option(names = "--file-size", paramLabel = "BYTES", description = "The source file's size in bytes.")
    Long fileSize;

    @Option(names = "--type", paramLabel = "TYPE", converter = Converters.MediaTypeConverter.class,
            description = "video, image or attached (default: by the file name's extension).")
    MediaType type;

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
    CreateUploadCommand(CliEnvironment env, Provider<Optional<VodApiFactory>> vodApis, Provider<ObjectMapper> mapper) {
        this.env = env;
        this.vodApis = vodApis;
        this.mapper = mapper;
    }

    @Override
    public Integer call() throws Exception {
        SecretFlags.warn(spec, env.err());
        Duration timeout = VodSupport.timeout(timeoutSeconds);
        Path name = Path.of(fileName);
        String ext = MediaType.extension(name).orElseThrow(() ->
                CliException.usage("--file-name has no extension: '" + fileName + "'"));
        MediaType mediaType = type != null ? type : MediaType.byExtension(name);
        OptionalLong size = fileSize == null ? OptionalLong.empty() : OptionalLong.of(fileSize);
        return VodSupport.printTicket(env, mapper.get(), vodApis.get(), vod.value().settings(keys.value(), env, timeout), "Create upload",
                mediaType, api -> VodSupport.create(api, mediaType, media.value(), fileName, ext, size));
    }
}
