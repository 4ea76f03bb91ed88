package dev.plc.plan.impact;

import java.util.List;

/** JPA entities that map the table ({@code @Table}, or the class name through the naming strategy) and their fields. */
final class JpaScanner {

    static final String KIND = "jpa-entity";

    private JpaScanner() {
    }

    static void scan(List<JpaEntities.Entity> entities, List<Target> targets, Findings out) {
        for (JpaEntities.Entity entity : entities) {
            for (Target target : targets) {
                if (!entity.maps(target)) {
                    continue;
                }
                if (!target.isColumn()) {
                    out.addAt(entity.file(), entity.tableOffset(), KIND, target,
                            "JPA entity " + entity.className() + " maps table " + target.table);
                    continue;
                }
                for (JpaEntities.Field field : entity.fields()) {
                    if (field.maps(target)) {
                        out.addAt(entity.file(), field.offset(), KIND, target, "JPA entity " + entity.className() + " maps "
                                + target.reference.qualifiedName() + " to field " + field.name()
                                + (field.explicit() ? "" : " (by the snake_case naming strategy)"));
                    }
                }
            }
        }
    }
}
