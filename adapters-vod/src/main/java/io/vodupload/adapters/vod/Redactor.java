package io.vodupload.adapters.vod;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Blanks secrets out of text that came from elsewhere (a server's error message, an I/O exception) before
 * it goes into an exception message or a log. VOD's {@code SignatureDoesNotMatch} message quotes the
 * server's string to sign, which holds the request's {@code SecurityToken} percent-encoded twice; so each
 * secret is removed raw, encoded once and encoded twice.
 */
final class Redactor {

    private static final String MASK = "***";

    private final List<String> needles;

    Redactor(Collection<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            String once = PopRpcSigner.percentEncode(secret);
            forms.add(secret);
            forms.add(once);
            forms.add(PopRpcSigner.percentEncode(once));
        }
        List<String> sorted = new ArrayList<>(forms);
        // Longest first, so that a form containing another is masked whole.
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.needles = List.copyOf(sorted);
    }

    String redact(String text) {
        if (text == null) {
            return "";
        }
        String result = text;
        for (String needle : needles) {
            result = result.replace(needle, MASK);
        }
        return result;
    }
}
