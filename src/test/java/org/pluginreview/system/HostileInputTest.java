package org.pluginreview.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.pluginreview.support.ApiClient;
import org.pluginreview.support.ApiClient.Response;
import org.pluginreview.support.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Thousands of generated malformed requests across every /api operation: none may answer 5xx, each
 * refusal is problem+json with a code, and afterwards every table holds exactly the rows it held before.
 */
@ServiceTest
class HostileInputTest {

  private static final int AT_LEAST = 5000;
  private static final String MB = "x".repeat(1024 * 1024);

  record Call(String user, String method, String path, String body, String contentType) {}

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  @Test
  void malformedRequestsAreRefusedCleanlyAndChangeNothing() throws Exception {
    ApiClient api = new ApiClient(port);
    String p = "hostile-" + System.nanoTime() % 100000;
    assertThat(api.post("dev1", "/api/plugins", "{\"pluginId\":\"" + p + "\",\"name\":\"n\"}").status()).isEqualTo(201);
    assertThat(api.post("dev1", "/api/plugins/" + p + "/versions", "{\"version\":\"1.0.0\",\"featurePackages\":[\"core\"],"
        + "\"basicInfo\":{\"name\":\"n\",\"summary\":\"s\",\"description\":\"d\",\"category\":\"c\","
        + "\"contactEmail\":\"a@b.example\"}}").status()).isEqualTo(201);
    List<Call> calls = generate(p, new Random(20261124));
    assertThat(calls).hasSizeGreaterThanOrEqualTo(AT_LEAST);

    Map<String, List<String>> before = snapshot();
    List<String> failures = new ArrayList<>();
    for (Call call : calls) {
      Response r = api.send(call.user(), call.method(), call.path(), call.body(), call.contentType());
      boolean refused = r.status() >= 400 && r.status() < 500;
      boolean problem = r.contentType() != null && r.contentType().startsWith("application/problem+json")
          && r.code() != null && !r.code().isBlank();
      if (!refused || !problem) {
        failures.add(call.method() + " " + abbreviate(call.path()) + " " + abbreviate(String.valueOf(call.body()))
            + " [" + call.contentType() + "] -> " + r.status() + " " + abbreviate(r.raw()));
      }
    }
    assertThat(failures).as("requests not refused cleanly").isEmpty();
    Map<String, List<String>> after = snapshot();
    List<String> changed = before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t))).toList();
    assertThat(changed).as("tables whose rows changed").isEmpty();
    assertThat(after.keySet()).isEqualTo(before.keySet());
  }

  // ------------------------------------------------------------------ the generator

  private static List<Call> generate(String p, Random random) {
    String v = "/api/plugins/" + p + "/versions/1.0.0";
    List<Call> calls = new ArrayList<>();
    Map<String, String> bodies = new LinkedHashMap<>();
    // each operation that takes a body, with a valid body the mutations start from
    bodies.put("POST /api/plugins", "{\"pluginId\":\"fresh-id\",\"name\":\"n\",\"description\":\"d\"}");
    bodies.put("POST /api/plugins/" + p + "/versions", "{\"version\":\"2.0.0\",\"description\":\"d\","
        + "\"featurePackages\":[\"core\"],\"basicInfo\":{\"name\":\"n\",\"summary\":\"s\",\"description\":\"d\","
        + "\"category\":\"c\",\"contactEmail\":\"a@b.example\",\"usesPersonalData\":false,\"privacyPolicyUrl\":\"https://x.example\"}}");
    bodies.put("PATCH " + v, "{\"description\":\"d\",\"featurePackages\":[\"core\"],\"basicInfo\":{\"name\":\"n\"}}");
    bodies.put("PUT /api/plugins/" + p + "/trial", "{\"version\":\"1.0.0\"}");
    bodies.put("POST " + v + "/self-check", "{\"items\":[\"FEATURE_PACKAGES\"]}");
    bodies.put("POST " + v + "/review", "{\"decision\":\"APPROVE\",\"reasonCategory\":\"CONTENT\",\"comment\":\"c\"}");
    bodies.put("POST " + v + "/gray", "{\"percentage\":10}");
    for (Map.Entry<String, String> op : bodies.entrySet()) {
      String method = op.getKey().substring(0, op.getKey().indexOf(' '));
      String path = op.getKey().substring(op.getKey().indexOf(' ') + 1);
      for (String body : mutations(op.getValue(), random)) {
        calls.add(new Call("dev1", method, path, body, "application/json"));
      }
      for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x", "application/json-patch+json")) {
        calls.add(new Call("dev1", method, path, op.getValue(), type));
      }
      calls.add(new Call("dev1", method, path, null, null));
    }
    // every operation, addressed through path tricks, bad ids and bad version numbers
    List<String> badIds = List.of("..", "%2e%2e", "a%2Fb", "a%00b", "a%5Cb", "%E2%80%AE" + p, "x".repeat(300),
        "%27%3B%20drop%20table%20plugin%3B--", "%3Cscript%3E", "no-such-plugin", p + "%20", "%F0%9F%98%80", "a;b",
        "%252e%252e", "." , "~root");
    List<String> badVersions = List.of("1.0", "01.0.0", "1.0.0.0", "-1.0.0", "99999999999999999999.0.0",
        "1.0.0-beta", "%2e%2e", "a%2Fb", "9.9.9", "1.0.0%00", "1e3.0.0", "%EF%BC%91.0.0", "1.0.0;x", "%20%20");
    String[][] operations = {
        {"GET", "/api/plugins/{p}"}, {"GET", "/api/plugins/{p}/versions"}, {"POST", "/api/plugins/{p}/versions"},
        {"GET", "/api/plugins/{p}/versions/{v}"}, {"PATCH", "/api/plugins/{p}/versions/{v}"},
        {"DELETE", "/api/plugins/{p}/versions/{v}"}, {"PUT", "/api/plugins/{p}/trial"},
        {"DELETE", "/api/plugins/{p}/trial"}, {"POST", "/api/plugins/{p}/versions/{v}/submit"},
        {"POST", "/api/plugins/{p}/versions/{v}/self-check"}, {"POST", "/api/plugins/{p}/versions/{v}/withdraw"},
        {"POST", "/api/plugins/{p}/versions/{v}/review"}, {"POST", "/api/plugins/{p}/versions/{v}/gray"},
        {"DELETE", "/api/plugins/{p}/versions/{v}/gray"}, {"POST", "/api/plugins/{p}/versions/{v}/release"},
        {"POST", "/api/plugins/{p}/versions/{v}/return-to-development"},
        {"GET", "/api/plugins/{p}/versions/{v}/history"}};
    for (String[] op : operations) {
      boolean hasVersion = op[1].contains("{v}");
      for (String id : badIds) {
        String path = op[1].replace("{p}", id).replace("{v}", "1.0.0");
        calls.add(new Call("dev1", op[0], path, "{}", "application/json"));
        calls.add(new Call("dev2", op[0], op[1].replace("{p}", p).replace("{v}", "1.0.0"), "{}", "application/json"));
      }
      if (hasVersion) {
        for (String version : badVersions) {
          calls.add(new Call("dev1", op[0], op[1].replace("{p}", p).replace("{v}", version), "{}", "application/json"));
        }
      }
      calls.add(new Call(null, op[0], op[1].replace("{p}", p).replace("{v}", "1.0.0"), "{}", "application/json"));
      // a stranger guessing: a wrong password for a real user is recorded by Camunda's lock-out, by design
      calls.add(new Call("nobody:wrong", op[0], op[1].replace("{p}", p).replace("{v}", "1.0.0"), "{}",
          "application/json"));
      calls.add(new Call("dev1", "TRACE".equals(op[0]) ? "GET" : "OPTIONS".equals(op[0]) ? "GET" : "PUT",
          op[1].replace("{p}", p).replace("{v}", "1.0.0") + "/nope", "{}", "application/json"));
    }
    // list pages out of range, and the admin endpoint for non-admins
    for (String query : List.of("page=-1", "page=abc", "size=0", "size=201", "size=99999999999", "page=1.5",
        "size=%00", "page=1000001")) {
      calls.add(new Call("dev1", "GET", "/api/plugins?" + query, null, null));
      calls.add(new Call("dev1", "GET", "/api/plugins/" + p + "/versions?" + query, null, null));
    }
    calls.add(new Call("dev1", "GET", "/api/admin/consistency", null, null));
    // top the set up with random combinations of the mutations above
    List<String> keys = new ArrayList<>(bodies.keySet());
    while (calls.size() < AT_LEAST + 500) {
      String key = keys.get(random.nextInt(keys.size()));
      List<String> mutated = mutations(bodies.get(key), random);
      String method = key.substring(0, key.indexOf(' '));
      calls.add(new Call("dev1", method, key.substring(key.indexOf(' ') + 1),
          mutated.get(random.nextInt(mutated.size())), "application/json"));
    }
    return calls;
  }

  /** Invalid variants of a valid JSON object body: each is wrong in at least one way. */
  private static List<String> mutations(String valid, Random random) {
    List<String> out = new ArrayList<>();
    out.add(valid.substring(0, valid.length() / 2));
    out.add("{");
    out.add("[]");
    out.add("null");
    out.add("\"text\"");
    out.add("42");
    out.add("");
    out.add("{\"a\":1,,}");
    out.add(valid.replaceFirst("\\{", "{\"unexpected\":true,"));
    out.add(valid + "garbage");
    out.add(new String(new char[] {(char) (random.nextInt(8) + 1)}) + valid); // not JSON whitespace
    out.add("{\"\\u0000\":1}");
    out.add(valid.replaceFirst("\\}$", ",\"extra\":{\"deep\":[1,2,3]}}"));
    // each field: missing, wrong types, huge, control characters, mixed scripts with a control character
    List<String> fields = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(\\w+)\":(\"[^\"]*\"|\\d+|true|false|\\[[^\\]]*\\])")
        .matcher(valid);
    while (m.find()) {
      fields.add(m.group());
    }
    for (String field : fields) {
      String name = field.substring(0, field.indexOf(':'));
      out.add(valid.replace(field, name + ":{\"nested\":true}"));
      out.add(valid.replace(field, name + ":[[[]]]"));
      out.add(valid.replace(field, name + ":\"" + MB + "\""));
      out.add(valid.replace(field, name + ":\"a\\u0007b\""));
      out.add(valid.replace(field, name + ":\"Wеаthеr 天气 ؠ\\u001b[31m\""));
      out.add(valid.replace(field, name + ":12.5e400"));
      if (field.endsWith("\"")) {
        out.add(valid.replace(field, name + ":true"));
        out.add(valid.replace(field, name + ":-1"));
      } else {
        out.add(valid.replace(field, name + ":\"not what it should be\""));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ every table, before and after

  private Map<String, List<String>> snapshot() throws Exception {
    Map<String, List<String>> tables = new TreeMap<>();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      List<String> names = new ArrayList<>();
      try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String schema = rs.getString("TABLE_SCHEM");
          if (schema == null || !schema.equalsIgnoreCase("INFORMATION_SCHEMA")) {
            String q = meta.getIdentifierQuoteString();
            names.add((schema == null ? "" : q + schema + q + ".") + q + rs.getString("TABLE_NAME") + q);
          }
        }
      }
      for (String table : names) {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select * from " + table)) {
          ResultSetMetaData columns = rs.getMetaData();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
              row.append(rs.getString(i)).append('|');
            }
            rows.add(row.toString());
          }
        }
        rows.sort(null);
        tables.put(table, rows);
      }
    }
    return tables;
  }

  private static String abbreviate(String s) {
    return s.length() > 160 ? s.substring(0, 160) + "…" : s;
  }
}
