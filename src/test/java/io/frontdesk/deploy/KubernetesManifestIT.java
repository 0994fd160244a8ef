package io.frontdesk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The manifests the build generated (target/kubernetes) are what an operator deploys. */
class KubernetesManifestIT {

  private static final Path MANIFEST = Path.of("target/kubernetes/kubernetes.yml");

  @Test
  void theDeploymentHasProbesTwoReplicasAndSecretsFromASecret() throws Exception {
    List<Map<String, Object>> docs = documents();
    Map<String, Object> deployment = kind(docs, "Deployment");
    Map<String, Object> spec = map(deployment, "spec");
    assertTrue(((Number) spec.get("replicas")).intValue() >= 2, "at least two replicas");

    assertEquals(
        120,
        ((Number) map(map(spec, "template"), "spec").get("terminationGracePeriodSeconds"))
            .intValue(),
        "time for turns in flight at SIGTERM");
    Map<String, Object> container = containers(spec).getFirst();
    assertEquals("/q/health/live", path(container, "livenessProbe"));
    assertEquals("/q/health/ready", path(container, "readinessProbe"));
    assertEquals("/q/health/started", path(container, "startupProbe"));
    assertNotNull(map(map(container, "resources"), "limits").get("memory"));

    List<Map<String, Object>> from = list(container, "envFrom");
    assertTrue(
        from.stream()
            .anyMatch(
                f ->
                    f.containsKey("secretRef")
                        && "frontdesk-secrets".equals(map(f, "secretRef").get("name"))),
        "secrets come from the Secret: " + from);
    assertTrue(
        from.stream().anyMatch(f -> f.containsKey("configMapRef")), "config from a ConfigMap");
    String env = String.valueOf(container.get("env"));
    assertTrue(env.contains("deploy"), "the deploy profile: " + env);
    assertFalse(
        env.toLowerCase().contains("secret\", value") || env.contains("HS256_SECRET"),
        "no secret value in the manifest itself");

    Map<String, Object> pdb = kind(docs, "PodDisruptionBudget");
    assertNotNull(map(pdb, "spec").get("minAvailable"));
    Map<String, Object> ingress = kind(docs, "Ingress");
    assertTrue(
        String.valueOf(map(ingress, "metadata").get("annotations")).contains("proxy-read-timeout"),
        "the ingress keeps WebSockets open");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> documents() throws Exception {
    assertTrue(Files.exists(MANIFEST), "the build generates " + MANIFEST);
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(Files.readString(MANIFEST))) {
      if (doc instanceof Map<?, ?> map) {
        docs.add((Map<String, Object>) map);
      }
    }
    return docs;
  }

  private static Map<String, Object> kind(List<Map<String, Object>> docs, String kind) {
    return docs.stream()
        .filter(d -> kind.equals(d.get("kind")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in " + MANIFEST));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertNotNull(value, key + " in " + parent.keySet());
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertNotNull(value, key + " in " + parent.keySet());
    return (List<Map<String, Object>>) value;
  }

  private static List<Map<String, Object>> containers(Map<String, Object> deploymentSpec) {
    return list(map(map(deploymentSpec, "template"), "spec"), "containers");
  }

  private static String path(Map<String, Object> container, String probe) {
    return String.valueOf(map(map(container, probe), "httpGet").get("path"));
  }
}
