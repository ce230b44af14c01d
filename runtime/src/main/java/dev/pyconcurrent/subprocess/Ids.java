package dev.pyconcurrent.subprocess;

import dev.pyconcurrent.builtins.KeyError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.subprocess.Popen.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** user / group / extra_groups resolved as CPython does (names through the passwd and group files), applied with setpriv. */
final class Ids {
    Integer uid, gid;
    List<Integer> gids;

    static Ids resolve(Options o) {
        if (o.user == null && o.group == null && o.extraGroups == null) return null;
        Ids ids = new Ids();
        if (o.group != null) {
            ids.gid = o.group instanceof String s ? lookup("/etc/group", "getgrnam()", s) : (Integer) o.group;
            if (ids.gid < 0) throw new ValueError("Group ID cannot be negative, got " + ids.gid);
        }
        if (o.extraGroups != null) {
            ids.gids = new ArrayList<>();
            for (Object g : o.extraGroups) {
                if (g instanceof String s) ids.gids.add(lookup("/etc/group", "getgrnam()", s));
                else if (g instanceof Integer i) ids.gids.add(i);
                else throw new TypeError("Items in extra_groups must be a string or integer, not " + "<class '" + Py.typeName(g) + "'>");
            }
            for (int g : ids.gids) if (g < 0) throw new ValueError("Group ID cannot be negative, got " + g);
        }
        if (o.user != null) {
            ids.uid = o.user instanceof String s ? lookup("/etc/passwd", "getpwnam()", s) : (Integer) o.user;
            if (ids.uid < 0) throw new ValueError("User ID cannot be negative, got " + ids.uid);
        }
        return ids;
    }

    private static int lookup(String file, String function, String name) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                String[] f = line.split(":", -1);
                if (f.length > 2 && f[0].equals(name)) return Integer.parseInt(f[2]);
            }
        } catch (IOException | NumberFormatException e) {
            // unreadable: not found, as getpwnam would say
        }
        throw new KeyError(function + ": name not found: " + Py.repr(name));
    }

    List<String> setpriv() {
        List<String> c = new ArrayList<>(List.of(Launch.tool("setpriv")));
        if (gids != null) {
            if (gids.isEmpty()) c.add("--clear-groups");
            else c.add("--groups=" + String.join(",", gids.stream().map(String::valueOf).toList()));
        } else if (gid != null) {
            c.add("--keep-groups");
        }
        if (gid != null) c.add("--regid=" + gid);
        if (uid != null) c.add("--reuid=" + uid);
        c.add("--");
        return c;
    }
}
