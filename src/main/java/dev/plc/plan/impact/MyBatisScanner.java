package dev.plc.plan.impact;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MyBatis mapper XML: each select/insert/update/delete element is one statement. When the mapper's statements use
 * the table, its {@code <sql>} fragments and result-map {@code column="..."} attributes count too, since they are
 * included into those statements.
 */
final class MyBatisScanner {

    static final String KIND = "mybatis-xml";

    static final Pattern STATEMENT = Pattern.compile("<(select|insert|update|delete|sql)\\b[^>]*>(.*?)</\\1\\s*>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private MyBatisScanner() {
    }

    static boolean isMapper(SourceFile file) {
        return file.text.contains("<mapper") && (file.text.contains("mybatis") || file.text.contains("namespace="));
    }

    static void scan(SourceFile file, List<Target> targets, Findings out) {
        List<int[]> statements = new ArrayList<>();
        List<int[]> fragments = new ArrayList<>();
        Matcher m = STATEMENT.matcher(file.text);
        while (m.find()) {
            (m.group(1).equalsIgnoreCase("sql") ? fragments : statements).add(new int[] {m.start(2), m.end(2)});
        }
        for (Target target : targets) {
            boolean mapperUsesTable = false;
            for (int[] s : statements) {
                List<Integer> hits = SqlMatcher.references(file.text.substring(s[0], s[1]), target);
                mapperUsesTable |= !hits.isEmpty() || !SqlMatcher.references(file.text.substring(s[0], s[1]), target.wholeTable).isEmpty();
                for (int offset : hits) {
                    out.addAt(file, s[0] + offset, KIND, target, "MyBatis mapper statement uses " + target.reference.qualifiedName());
                }
            }
            if (!mapperUsesTable || !target.isColumn()) {
                continue;
            }
            for (int[] f : fragments) {
                Matcher use = target.columnWord.matcher(file.text).region(f[0], f[1]);
                while (use.find()) {
                    out.addAt(file, use.start(), KIND, target, "MyBatis SQL fragment of a mapper on " + target.table + " uses column " + target.column);
                }
            }
            Matcher attribute = target.columnAttribute.matcher(file.text);
            while (attribute.find()) {
                out.addAt(file, attribute.start(), KIND, target, "MyBatis result mapping of a mapper on " + target.table + " reads column "
                        + target.column);
            }
        }
    }
}
