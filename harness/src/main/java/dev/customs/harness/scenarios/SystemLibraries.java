package dev.customs.harness.scenarios;

import dev.customs.examples.MissingLibraryException;
import dev.customs.harness.Report;
import java.util.function.Supplier;

/** For the scenarios on system libraries: whether the library opened, and what to install when it did not. */
final class SystemLibraries {
    private SystemLibraries() {}

    /**
     * Opens a library through {@code open} (its binding's {@code loaded()}); when it is missing, says which Debian
     * package to install, records a failed row, and returns false.
     */
    static boolean available(Report r, String name, String debianPackage, Supplier<Object> open) {
        try {
            r.say(name + ": " + open.get());
            return true;
        } catch (MissingLibraryException e) {
            return missing(r, name, debianPackage, e);
        } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
            return missing(r, name, debianPackage, e.getCause() != null ? e.getCause() : e);
        }
    }

    private static boolean missing(Report r, String name, String debianPackage, Throwable e) {
        r.say(name + " is missing: install it with `apt-get install -y " + debianPackage + "` and run the demo again.");
        r.say(String.valueOf(e.getMessage()));
        r.check(name + " installed", "yes", "no: apt-get install -y " + debianPackage);
        return false;
    }
}
