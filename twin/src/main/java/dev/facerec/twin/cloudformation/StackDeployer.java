package dev.facerec.twin.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Deploys a template onto the twin, as CloudFormation does: parameters, rules and conditions evaluated; every
 * resource type checked before anything is touched; resources created, updated, replaced or kept in dependency
 * order; resources no longer in the template deleted (unless retained); outputs resolved. The stack record is saved
 * after each resource, so a deployment stopped half-way (an error, a kill) resumes on the next run. There is no
 * rollback: an error leaves the resources deployed so far, recorded, and names the resource that failed.
 */
public final class StackDeployer {

    private final DeployerRegistry registry;
    private final StackStore store;
    private final String region;
    private final String accountId;
    private final Consumer<String> progress;

    public StackDeployer(
            DeployerRegistry registry, StackStore store, String region, String accountId, Consumer<String> progress) {
        this.registry = registry;
        this.store = store;
        this.region = region;
        this.accountId = accountId;
        this.progress = progress;
    }

    /** Deploys (creates or updates) a stack of a cloud assembly. */
    public StackRecord deploy(
            String stackName, Template template, AssetLocator assets, Map<String, String> parameterValues) {
        StackRecord previous = store.load(stackName).orElse(null);
        String stackId = previous != null
                ? previous.stackId()
                : "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + stackName + "/"
                        + UUID.randomUUID();
        Map<String, JsonNode> parameters = StackParameters.resolve(template, parameterValues);
        StackDeployment deployment = new StackDeployment(
                template,
                parameters,
                IntrinsicResolver.pseudoParameters(stackName, stackId, region, accountId),
                region);
        checkRules(template, deployment);
        List<String> order = plan(template, deployment);
        Map<String, DeployedResource> leftOver =
                new LinkedHashMap<>(previous == null ? Map.of() : previous.resources());
        List<DeployedResource> replaced = new ArrayList<>();
        Map<String, String> movedIds = new LinkedHashMap<>();
        Map<String, String> parameterText = new LinkedHashMap<>();
        parameters.forEach((name, value) -> parameterText.put(name, IntrinsicResolver.text(value)));
        for (String logicalId : order) {
            TemplateResource resource = template.resources().get(logicalId);
            try {
                DeployedResource result = deployOne(
                        stackName,
                        stackId,
                        resource,
                        deployment,
                        assets,
                        leftOver.remove(logicalId),
                        replaced,
                        movedIds);
                deployment.deployed().put(logicalId, result);
                save(stackName, stackId, "IN_PROGRESS", parameterText, deployment.deployed(), leftOver, Map.of());
            } catch (RuntimeException e) {
                save(
                        stackName,
                        stackId,
                        previous == null ? "CREATE_FAILED" : "UPDATE_FAILED",
                        parameterText,
                        deployment.deployed(),
                        leftOver,
                        Map.of());
                throw new DeploymentException(
                        "resource " + logicalId + " (" + resource.type() + ") failed: " + e.getMessage(), e);
            }
        }
        List<DeployedResource> obsolete = new ArrayList<>(leftOver.values());
        obsolete.addAll(replaced);
        Collections.reverse(obsolete);
        obsolete.forEach(this::deleteOne);
        Map<String, String> outputs = outputs(template, deployment);
        StackRecord record = new StackRecord(
                stackName,
                stackId,
                previous == null ? "CREATE_COMPLETE" : "UPDATE_COMPLETE",
                parameterText,
                deployment.deployed(),
                outputs);
        store.save(record);
        return record;
    }

    /** Deletes every resource of the stack that is not retained, in reverse creation order, and forgets the stack. */
    public void destroy(String stackName) {
        StackRecord record = store.load(stackName)
                .orElseThrow(() -> new IllegalArgumentException("no stack " + stackName + " is deployed"));
        List<DeployedResource> resources = new ArrayList<>(record.resources().values());
        Collections.reverse(resources);
        resources.forEach(this::deleteOne);
        store.delete(stackName);
    }

    private List<String> plan(Template template, StackDeployment deployment) {
        Map<String, Set<String>> dependencies = new LinkedHashMap<>();
        template.resources().values().stream()
                .filter(deployment::isActive)
                .forEach(resource -> dependencies.put(resource.logicalId(), new LinkedHashSet<>()));
        for (String logicalId : dependencies.keySet()) {
            TemplateResource resource = template.resources().get(logicalId);
            registry.deployerFor(resource.type(), logicalId);
            Set<String> on = dependencies.get(logicalId);
            for (String name : IntrinsicResolver.references(resource.properties())) {
                if (!deployment.isKnown(name)) {
                    throw new TemplateException("resource " + logicalId + " refers to " + name
                            + ", which is neither a parameter nor a resource of the template");
                }
                if (dependencies.containsKey(name)) {
                    on.add(name);
                }
            }
            for (String name : resource.dependsOn()) {
                if (!template.resources().containsKey(name)) {
                    throw new TemplateException(
                            "resource " + logicalId + " depends on " + name + ", which does not exist");
                }
                if (dependencies.containsKey(name)) {
                    on.add(name);
                }
            }
        }
        return DependencyOrder.of(dependencies);
    }

    private DeployedResource deployOne(
            String stackName,
            String stackId,
            TemplateResource resource,
            StackDeployment deployment,
            AssetLocator assets,
            DeployedResource old,
            List<DeployedResource> replaced,
            Map<String, String> movedIds) {
        String where = "resource " + resource.logicalId() + " (" + resource.type() + ")";
        JsonNode properties = deployment.resolver().resolve(resource.properties(), where);
        ResourceRequest request = new ResourceRequest(
                stackName,
                stackId,
                resource.logicalId(),
                resource.type(),
                properties,
                region,
                accountId,
                assets,
                resource.retainedOnDelete());
        ResourceDeployer deployer = registry.deployerFor(resource.type(), resource.logicalId());
        if (old != null && !old.type().equals(resource.type())) {
            replaced.add(old);
            old = null;
        }
        if (old == null || !deployer.exists(old)) {
            progress.accept("CREATE " + resource.logicalId() + " " + resource.type());
            return deployer.create(request);
        }
        DeployedResource current = deployer.refresh(old);
        if (!current.physicalId().equals(old.physicalId())) {
            movedIds.put(old.physicalId(), current.physicalId());
        }
        if (MovedIds.apply(old.properties(), movedIds).equals(properties)) {
            return current.updatedBy(request);
        }
        if (deployer.requiresReplacement(old.properties(), properties)) {
            progress.accept("REPLACE " + resource.logicalId() + " " + resource.type());
            replaced.add(old);
            return deployer.create(request);
        }
        progress.accept("UPDATE " + resource.logicalId() + " " + resource.type());
        return deployer.update(request, current);
    }

    private void deleteOne(DeployedResource resource) {
        if (resource.retainOnDelete()) {
            progress.accept("RETAIN " + resource.logicalId() + " " + resource.type());
            return;
        }
        progress.accept("DELETE " + resource.logicalId() + " " + resource.type());
        registry.deployerFor(resource.type(), resource.logicalId()).delete(resource);
    }

    private static void checkRules(Template template, StackDeployment deployment) {
        template.rules().forEach((name, rule) -> {
            String where = "rule " + name;
            if (rule.has("RuleCondition") && !deployment.resolver().condition(rule.get("RuleCondition"), where)) {
                return;
            }
            for (JsonNode assertion : rule.path("Assertions")) {
                if (!deployment.resolver().condition(assertion.get("Assert"), where)) {
                    throw new TemplateException(where + " fails: "
                            + assertion.path("AssertDescription").asText());
                }
            }
        });
    }

    private static Map<String, String> outputs(Template template, StackDeployment deployment) {
        Map<String, String> outputs = new LinkedHashMap<>();
        template.outputs().forEach((name, output) -> {
            if (output.hasNonNull("Condition")
                    && !deployment.condition(output.get("Condition").asText(), "output " + name)) {
                return;
            }
            outputs.put(
                    name, IntrinsicResolver.text(deployment.resolver().resolve(output.get("Value"), "output " + name)));
        });
        return outputs;
    }

    private void save(
            String stackName,
            String stackId,
            String status,
            Map<String, String> parameters,
            Map<String, DeployedResource> deployed,
            Map<String, DeployedResource> leftOver,
            Map<String, String> outputs) {
        Map<String, DeployedResource> all = new LinkedHashMap<>(leftOver);
        all.putAll(deployed);
        store.save(new StackRecord(stackName, stackId, status, parameters, all, outputs));
    }
}
