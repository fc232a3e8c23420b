import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * Creates or updates SCRAM-SHA-512 users on a running cluster with Kafka's own admin client (kafkajs
 * has no AlterUserScramCredentials). Reads "name TAB password" lines on standard input, so that no
 * secret appears on a command line; the admin's own credentials come from the environment.
 */
public final class ScramUsers {
  private static String quote(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: ScramUsers <bootstrap servers>  (users on stdin: name<TAB>password)");
      System.exit(2);
    }
    String user = System.getenv("TONGBAN_KAFKA_ADMIN_USERNAME");
    String password = System.getenv("TONGBAN_KAFKA_ADMIN_PASSWORD");
    String mechanism = System.getenv().getOrDefault("TONGBAN_KAFKA_ADMIN_MECHANISM", "SCRAM-SHA-512");
    boolean tls = "1".equals(System.getenv("TONGBAN_KAFKA_TLS"));
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
    if (user != null && password != null) {
      props.put("security.protocol", tls ? "SASL_SSL" : "SASL_PLAINTEXT");
      props.put("sasl.mechanism", mechanism);
      String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule" : "org.apache.kafka.common.security.scram.ScramLoginModule";
      props.put("sasl.jaas.config", module + " required username=\"" + quote(user) + "\" password=\"" + quote(password) + "\";");
    }
    List<UserScramCredentialAlteration> upserts = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isBlank()) continue;
        int tab = line.indexOf('\t');
        if (tab <= 0) throw new IllegalArgumentException("each line must be name<TAB>password");
        upserts.add(new UserScramCredentialUpsertion(line.substring(0, tab), new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), line.substring(tab + 1)));
      }
    }
    // The admin client salts each password (4,096 rounds of HMAC-SHA-512) in the calling thread:
    // for a thousand nodes that is most of the time, so chunks are sent from one thread per core.
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (Admin admin = Admin.create(props)) {
      List<Future<Void>> done = new ArrayList<>();
      for (int i = 0; i < upserts.size(); i += 50) {
        List<UserScramCredentialAlteration> chunk = upserts.subList(i, Math.min(upserts.size(), i + 50));
        done.add(pool.submit(() -> admin.alterUserScramCredentials(chunk).all().get()));
      }
      for (Future<Void> f : done) f.get();
    } finally {
      pool.shutdown();
    }
    System.out.println("upserted " + upserts.size() + " SCRAM users");
  }
}
