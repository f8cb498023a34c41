// HopX's public templates, by the names its docs, examples and CLIs use, so that code written from them
// (`Sandbox.create({ template: "python" })`, the desktop examples' `template: "desktop"`) runs on the mock.
// Shapes and values follow docs.hopx.ai/api/control-plane/get-template (code-interpreter: id 73, 2 vCPU,
// 4 GiB, features python/javascript/bash/desktop/internet) and list-templates (the Python template: 1 vCPU,
// 2 GiB, 5 GB). The docs give no resources for `nodejs` and `desktop`: nodejs mirrors the Python template,
// desktop the code interpreter. `features` decides what the mock serves: desktop calls need `desktop`.

const CREATED = "2025-01-01T00:00:00Z";
const UPDATED = "2025-01-15T00:00:00Z";
const LIMITS = {
  min_resources: { vcpu: 1, memory_mb: 512, disk_gb: 1 },
  max_resources: { vcpu: 8, memory_mb: 16384, disk_gb: 100 },
};

/** The code interpreter's resources (the desktop template's too). */
const INTERPRETER_RESOURCES = { vcpu: 2, memory_mb: 4096, disk_gb: 10 };
/** The Python template's resources (the nodejs template's too). */
const PYTHON_RESOURCES = { vcpu: 1, memory_mb: 2048, disk_gb: 5 };

interface PublicTemplate {
  id: string;
  name: string;
  display_name: string;
  description: string;
  category: string;
  language: string;
  default_resources: { vcpu: number; memory_mb: number; disk_gb: number };
  features: string[];
  tags: string[];
  popularity_score: number;
}

const templates: PublicTemplate[] = [
  {
    id: "73",
    name: "code-interpreter",
    display_name: "Code Interpreter",
    description: "Pre-built environment for Python, JavaScript, and Bash execution with common packages pre-installed",
    category: "python",
    language: "python",
    default_resources: INTERPRETER_RESOURCES,
    features: ["python", "javascript", "bash", "desktop", "internet"],
    tags: ["code-execution", "multi-language", "data-science"],
    popularity_score: 950,
  },
  {
    id: "74",
    name: "python",
    display_name: "Python",
    description: "Python environment with pip and common packages",
    category: "python",
    language: "python",
    default_resources: PYTHON_RESOURCES,
    features: ["python", "bash", "internet"],
    tags: ["python"],
    popularity_score: 900,
  },
  {
    id: "75",
    name: "nodejs",
    display_name: "Node.js",
    description: "Node.js environment with npm",
    category: "nodejs",
    language: "javascript",
    default_resources: PYTHON_RESOURCES,
    features: ["javascript", "bash", "internet"],
    tags: ["nodejs", "javascript"],
    popularity_score: 850,
  },
  {
    id: "76",
    name: "desktop",
    display_name: "Desktop",
    description: "Linux desktop with VNC, mouse, keyboard, screenshots and recording",
    category: "desktop",
    language: "python",
    default_resources: INTERPRETER_RESOURCES,
    features: ["python", "bash", "desktop", "internet"],
    tags: ["desktop", "vnc", "automation"],
    popularity_score: 800,
  },
];

/** The public templates in wire form (`GET /v1/templates/{name}`), as the mock seeds them. */
export const publicTemplates: Array<Record<string, unknown>> = templates.map((t) => ({
  ...t,
  object: "template",
  icon: t.category,
  ...LIMITS,
  docs_url: `https://docs.hopx.dev/templates/${t.name}`,
  is_active: true,
  is_public: true,
  status: "active",
  created_at: CREATED,
  updated_at: UPDATED,
}));
