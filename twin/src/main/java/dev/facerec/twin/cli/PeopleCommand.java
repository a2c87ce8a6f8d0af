package dev.facerec.twin.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code people}: lists the enrolled people. */
@Command(mixinStandardHelpOptions = true, name = "people", description = "List the enrolled people.")
final class PeopleCommand implements Callable<Integer> {

    @Mixin
    DataOption data;

    @Override
    public Integer call() {
        try (RunningTwin twin = RunningTwin.connect(data.directory)) {
            int count = 0;
            for (Map<String, AttributeValue> person : twin.dynamoDb()
                    .queryPaginator(b -> b.tableName(twin.table())
                            .indexName("gsi1")
                            .keyConditionExpression("gsi1pk = :people")
                            .expressionAttributeValues(Map.of(":people", AttributeValue.fromS("PEOPLE"))))
                    .items()) {
                count++;
                String name = RunningTwin.text(person, "displayName");
                System.out.println(RunningTwin.text(person, "gsi1sk") + (name == null ? "" : "  " + name));
            }
            System.out.println(count + (count == 1 ? " person" : " people"));
        }
        return 0;
    }
}
