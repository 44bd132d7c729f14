package dev.customs.checked;

import java.util.List;

/** The report at exit: counts per hazard with the first stacks of each, as text and as JSON. */
final class Report {
    private Report() {
    }

    static String text() {
        String nl = System.lineSeparator();
        StringBuilder b = new StringBuilder();
        long total = Hazards.total();
        b.append("customs-checked report: ").append(total == 0 ? "no hazards" : total + " hazard(s)").append(nl);
        for (Hazard h : Hazard.values()) {
            long n = Hazards.count(h);
            if (n == 0) {
                continue;
            }
            b.append("  ").append(h.key()).append(": ").append(n).append(nl);
            List<Hazards.Event> first = Hazards.first(h);
            for (int i = 0; i < first.size(); i++) {
                b.append("    #").append(i + 1).append(' ').append(first.get(i).summary()).append(nl);
                for (String line : first.get(i).stack().split("\\R")) {
                    b.append("      ").append(line).append(nl);
                }
            }
        }
        long[] rewritten = CheckedAgent.rewritten();
        b.append("  rewritten: ").append(rewritten[0]).append(" call sites in ").append(rewritten[1])
                .append(" classes").append(nl);
        b.append("  arenas: opened ").append(Arenas.opened()).append(", live ").append(Arenas.live())
                .append(" (").append(Arenas.liveBytes()).append(" bytes), leaked ").append(Arenas.leaked())
                .append(" (").append(Arenas.leakedBytes()).append(" bytes)").append(nl);
        for (String open : Arenas.stillOpen(Hazards.firstStacks())) {
            b.append("    still open: ").append(open).append(nl);
        }
        b.append("  upcall stubs: created ").append(Stubs.created()).append(", quarantined ")
                .append(Stubs.quarantined()).append(" now (bound ").append(Stubs.bound()).append(" stubs, ")
                .append(Stubs.maxAgeSeconds()).append(" s), evicted ").append(Stubs.evicted()).append(nl);
        b.append("  native threads: ").append(Upcalls.nativeThreads()).append(" distinct upcalled, attached anew ")
                .append(Upcalls.attached()).append(" time(s)").append(nl);
        if (Hazards.unrecorded() > 0) {
            b.append("  not recorded in full (memory exhausted): ").append(Hazards.unrecorded()).append(nl);
        }
        return b.toString();
    }

    static String json() {
        StringBuilder b = new StringBuilder("{\n  \"hazards\": {");
        Hazard[] all = Hazard.values();
        for (int i = 0; i < all.length; i++) {
            Hazard h = all[i];
            b.append(i == 0 ? "\n" : ",\n").append("    ").append(quote(h.key())).append(": {\"count\": ")
                    .append(Hazards.count(h)).append(", \"first\": [");
            List<Hazards.Event> first = Hazards.first(h);
            for (int j = 0; j < first.size(); j++) {
                b.append(j == 0 ? "" : ", ").append("{\"summary\": ").append(quote(first.get(j).summary()))
                        .append(", \"stack\": ").append(quote(first.get(j).stack())).append('}');
            }
            b.append("]}");
        }
        b.append("\n  },\n");
        b.append("  \"total\": ").append(Hazards.total()).append(",\n");
        long[] rewritten = CheckedAgent.rewritten();
        b.append("  \"rewritten\": {\"sites\": ").append(rewritten[0]).append(", \"classes\": ")
                .append(rewritten[1]).append("},\n");
        b.append("  \"arenas\": {\"opened\": ").append(Arenas.opened()).append(", \"live\": ").append(Arenas.live())
                .append(", \"liveBytes\": ").append(Arenas.liveBytes()).append(", \"leaked\": ")
                .append(Arenas.leaked()).append(", \"leakedBytes\": ").append(Arenas.leakedBytes()).append("},\n");
        b.append("  \"quarantine\": {\"created\": ").append(Stubs.created()).append(", \"quarantined\": ")
                .append(Stubs.quarantined()).append(", \"boundStubs\": ").append(Stubs.bound())
                .append(", \"boundSeconds\": ").append(Stubs.maxAgeSeconds()).append(", \"evicted\": ")
                .append(Stubs.evicted()).append("},\n");
        b.append("  \"nativeThreads\": {\"distinct\": ").append(Upcalls.nativeThreads()).append(", \"attached\": ")
                .append(Upcalls.attached()).append("},\n");
        b.append("  \"unrecorded\": ").append(Hazards.unrecorded()).append("\n}\n");
        return b.toString();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
