package io.vodupload.cli.command;

import io.vodupload.cli.options.MediaType;
import io.vodupload.cli.options.Transport;
import io.vodupload.ports.SignatureVersion;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/**
 * picocli converters for the command's value types. Their messages name the bad value; picocli prefixes
 * the option ({@code Invalid value for option '--part-size': ...}).
 */
final class Converters {

    private Converters() {
    }

    /** {@code --type video|image|attached|m3u8}. */
    static final class MediaTypeConverter implements ITypeConverter<MediaType> {
        @Override
        public MediaType convert(String value) {
            try {
                return MediaType.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected video, image, attached or m3u8 but was '" + value + "'");
            }
        }
    }

    /** {@code --transport http|oss}. */
    static final class TransportConverter implements ITypeConverter<Transport> {
        @Override
        public Transport convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.equals("http")) {
                return Transport.HTTP;
            }
            if (v.equals("oss")) {
                return Transport.OSS;
            }
            throw new TypeConversionException("expected http or oss but was '" + value + "'");
        }
    }

    /** {@code --signature v1|v4}. */
    static final class SignatureConverter implements ITypeConverter<SignatureVersion> {
        @Override
        public SignatureVersion convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.equals("v1") || v.equals("1")) {
                return SignatureVersion.V1;
            }
            if (v.equals("v4") || v.equals("4")) {
                return SignatureVersion.V4;
            }
            throw new TypeConversionException("expected v1 or v4 but was '" + value + "'");
        }
    }
}
