package dev.slipway.controllers.gitops;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;

/**
 * Runs an Argo CD resource health check (Lua) on the JVM the way Argo CD runs a custom one from argocd-cm
 * ({@code util/lua/lua.go}, {@code runLua} and {@code ExecuteHealthLua}):
 * <ul>
 *   <li>a fresh VM per evaluation with only the package, base and table libraries (Argo CD adds a "safe" os library
 *       with time functions, which Slipway's checks do not use; it does not load string or math for custom checks, so
 *       neither is loaded here and a script using them fails here as it would there);</li>
 *   <li>the object as the global {@code obj}, converted as Argo CD's {@code decodeValue} does: JSON objects become
 *       tables keyed by field name, arrays 1-based tables, numbers Lua numbers, null absent;</li>
 *   <li>the script's return value must be a table; its {@code status} must be one of Argo CD's health codes, otherwise
 *       the result is {@code Unknown} with Argo CD's message "Lua returned an invalid health status".</li>
 * </ul>
 * Reusable: the unit tests feed it status objects shaped as the controllers write them, the end-to-end tests live
 * objects read from the API server.
 */
public final class ArgoHealth {

  /** Argo CD's health status codes ({@code gitops-engine/pkg/health}). */
  static final Set<String> STATUSES = Set.of("Unknown", "Progressing", "Suspended", "Healthy", "Degraded", "Missing");

  /** What a health check answered: one of Argo CD's status codes and a message (null when the script set none). */
  public record Health(String status, String message) {
  }

  private ArgoHealth() {
  }

  /** Runs the health check in {@code luaScript} against the object given as JSON (as the API server returns it). */
  public static Health evaluate(Path luaScript, String objectJson) {
    String script;
    try {
      script = Files.readString(luaScript);
    } catch (IOException e) {
      throw new UncheckedIOException("read " + luaScript, e);
    }
    return evaluate(script, luaScript.getFileName().toString(), objectJson);
  }

  /** As {@link #evaluate(Path, String)}, with the script's text. */
  public static Health evaluate(String script, String chunkName, String objectJson) {
    Globals globals = new Globals();
    globals.load(new JseBaseLib());
    globals.load(new PackageLib());
    globals.load(new TableLib());
    LoadState.install(globals);
    LuaC.install(globals);
    globals.set("obj", toLua(JsonParser.parseString(objectJson)));
    LuaValue returned = globals.load(script, chunkName).call();
    if (!returned.istable()) {
      throw new IllegalStateException("expect table output from Lua script, not " + returned.typename());
    }
    LuaValue status = returned.get("status");
    LuaValue message = returned.get("message");
    if (!message.isnil() && !message.isstring()) {
      // Argo CD encodes the table as JSON and decodes it into a HealthStatus: a non-string message fails there.
      throw new IllegalStateException("health check returned a " + message.typename() + " message");
    }
    if (!status.isstring() || !STATUSES.contains(status.tojstring())) {
      return new Health("Unknown", "Lua returned an invalid health status");
    }
    return new Health(status.tojstring(), message.isnil() ? null : message.tojstring());
  }

  private static LuaValue toLua(JsonElement json) {
    if (json == null || json.isJsonNull()) {
      return LuaValue.NIL;
    }
    if (json.isJsonObject()) {
      LuaTable table = new LuaTable();
      for (Map.Entry<String, JsonElement> field : ((JsonObject) json).entrySet()) {
        table.rawset(field.getKey(), toLua(field.getValue()));
      }
      return table;
    }
    if (json.isJsonArray()) {
      LuaTable table = new LuaTable();
      int index = 1;
      for (JsonElement item : (JsonArray) json) {
        table.rawset(index++, toLua(item));
      }
      return table;
    }
    JsonPrimitive primitive = json.getAsJsonPrimitive();
    if (primitive.isBoolean()) {
      return LuaValue.valueOf(primitive.getAsBoolean());
    }
    if (primitive.isNumber()) {
      // gopher-lua has one number type (float64), as Lua 5.1.
      return LuaValue.valueOf(primitive.getAsDouble());
    }
    return LuaValue.valueOf(primitive.getAsString());
  }
}
