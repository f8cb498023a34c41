// Redocly plugin with the house rules that configurable rules cannot express.
//
// hopx/components-used: replaces the built-in no-unused-components, which does not see the message
// schemas that WebSocket and SSE operations name in `x-hopx-websocket` / `x-hopx-sse` (extensions are
// inlined by the bundler, so they cannot hold a $ref that keeps the component). A schema counts as used
// when a $ref reaches it (in the multi-file spec or the bundle) or an extension names it; a name that
// matches no schema is an error too.

function schemaNameFromRef(ref) {
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
  return match ? decodeURIComponent(match[1]) : undefined;
}

function componentsUsed() {
  return {
    Root: {
      leave(root, ctx) {
        const schemas = (root.components && root.components.schemas) || {};
        const names = Object.keys(schemas);
        // In the multi-file spec a component is `$ref: file`; map each resolved file back to its name.
        const byLocation = new Map();
        for (const name of names) {
          const entry = schemas[name];
          if (entry && typeof entry.$ref === "string") {
            const resolved = ctx.resolve(entry);
            if (resolved.location) byLocation.set(resolved.location.absolutePointer, name);
          }
        }
        const used = new Set();
        const named = [];
        const seen = new Set();
        const walk = (node, from) => {
          if (Array.isArray(node)) return node.forEach((item) => walk(item, from));
          if (!node || typeof node !== "object") return;
          if (typeof node.$ref === "string") {
            const local = schemaNameFromRef(node.$ref);
            if (local) used.add(local);
            const resolved = ctx.resolve(node, from);
            const key = resolved.location ? resolved.location.absolutePointer : node.$ref;
            const name = byLocation.get(key);
            if (name) used.add(name);
            if (seen.has(key) || !resolved.node) return;
            seen.add(key);
            return walk(resolved.node, resolved.location ? resolved.location.source.absoluteRef : from);
          }
          for (const [key, value] of Object.entries(node)) {
            if (key === "x-hopx-websocket" && value) {
              for (const side of ["client", "server"]) if (typeof value[side] === "string") named.push(value[side]);
            }
            if (key === "x-hopx-sse" && value && value.events) {
              for (const name of Object.values(value.events)) if (typeof name === "string") named.push(name);
            }
            walk(value, from);
          }
        };
        const { components, ...rest } = root;
        walk(rest, undefined);
        for (const [section, entries] of Object.entries(components || {})) {
          if (section === "schemas") continue;
          walk(entries, undefined);
        }
        // Schemas reachable from used schemas are used too.
        let frontier = [...used, ...named];
        for (const name of named) used.add(name);
        while (frontier.length > 0) {
          const next = [];
          for (const name of frontier) {
            const before = used.size;
            const snapshot = new Set(used);
            walk(schemas[name], undefined);
            if (used.size !== before) for (const n of used) if (!snapshot.has(n)) next.push(n);
          }
          frontier = next;
        }
        for (const name of named) {
          if (!(name in schemas)) {
            ctx.report({ message: `Extension names schema "${name}", which is not in components.schemas.`, location: ctx.location.child(["components", "schemas"]) });
          }
        }
        for (const name of names) {
          if (!used.has(name)) {
            ctx.report({ message: `Component: "${name}" is never used.`, location: ctx.location.child(["components", "schemas", name]).key() });
          }
        }
      },
    },
  };
}

export default function hopxPlugin() {
  return {
    id: "hopx",
    rules: {
      oas3: {
        "components-used": componentsUsed,
      },
    },
  };
}
