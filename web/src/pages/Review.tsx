/**
 * Review side by side: the original document with every extracted item marked at its exact source span
 * on the left, the structured plan on the right. A click on a mark opens its item and back; items are
 * accepted, edited or rejected with the version they were read at (a stale edit gets a conflict notice
 * and keeps the user's values); text selected in the document becomes a new item.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useBlocker, useNavigate, useOutletContext, useParams } from "react-router-dom";
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import {
  CheckOutlined,
  CloseOutlined,
  EditOutlined,
  MergeCellsOutlined,
  PlusOutlined,
  ScissorOutlined,
  SendOutlined,
  UndoOutlined,
} from "@ant-design/icons";
import { ApiError, all, api } from "../api";
import { useAuth } from "../auth";
import { findInside, runs, type Span } from "../highlight";
import { useReportError } from "../hooks";
import { useI18n } from "../i18n";
import { comparatorLabel, kindLabel, pick, reviewColor, reviewLabel, type Kind } from "../labels";
import type { ShellContext } from "../Shell";
import type { Quantity, ReviewStatus, Section, Task, Unit } from "../types";

type ItemKind = "section" | "task" | "target" | "actual";
type AnyItem = Section | Task | Quantity;
const paths: Record<ItemKind, string> = {
  section: "sections",
  task: "tasks",
  target: "targets",
  actual: "actuals",
};

interface Data {
  text: string;
  sections: Section[];
  tasks: Task[];
  targets: Quantity[];
  actuals: Quantity[];
  units: Unit[];
}

interface Editing {
  kind: ItemKind;
  item: AnyItem | null;
  /** For a new item: the selected span. */
  span?: { start: number; end: number; quote: string };
}

const keyOf = (kind: ItemKind, id: string) => `${kind}:${id}`;

export default function Review() {
  const { planId = "" } = useParams();
  const { plan, reloadPlan } = useOutletContext<ShellContext>();
  const { can } = useAuth();
  const { tr, lang } = useI18n();
  const report = useReportError();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [data, setData] = useState<Data>();
  const [tab, setTab] = useState<ItemKind>("task");
  const [filter, setFilter] = useState<ReviewStatus | "all">("all");
  const [active, setActive] = useState<string | null>(null);
  const [selection, setSelection] = useState<{ start: number; end: number; quote: string } | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [dirty, setDirty] = useState(false);
  const [splitting, setSplitting] = useState<{ kind: ItemKind; item: AnyItem } | null>(null);
  const [merging, setMerging] = useState<string[] | null>(null);
  const docRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const editable = can("planner") && plan?.status === "draft";

  const load = useCallback(async () => {
    try {
      const [text, sections, tasks, targets, actuals, units] = await Promise.all([
        api<{ text: string }>("GET", `/api/plans/${planId}/text`),
        all<Section>(`/api/plans/${planId}/sections`),
        all<Task>(`/api/plans/${planId}/tasks`),
        all<Quantity>(`/api/plans/${planId}/targets`),
        all<Quantity>(`/api/plans/${planId}/actuals`),
        all<Unit>("/api/units"),
      ]);
      setData({ text: text.text, sections, tasks, targets, actuals, units });
    } catch (e) {
      report(e);
    }
  }, [planId, report]);
  useEffect(() => {
    void load();
  }, [load]);

  // Unsaved edits are never dropped silently: leaving the page or the app asks first.
  const blocker = useBlocker(dirty);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const spans = useMemo<Span[]>(() => {
    if (!data) return [];
    const out: Span[] = [];
    for (const s of data.sections)
      out.push({
        key: keyOf("section", s.id),
        kind: "section",
        start: s.start,
        end: s.end,
        rejected: s.reviewStatus === "rejected",
      });
    for (const t of data.tasks) {
      const key = keyOf("task", t.id);
      out.push({ key, kind: "task", start: t.start, end: t.end, rejected: t.reviewStatus === "rejected" });
      if (t.deadline && t.deadline.end > t.deadline.start)
        out.push({ key, kind: "deadline", start: t.deadline.start, end: t.deadline.end });
      for (const u of [...t.leadUnits, ...t.partnerUnits]) {
        const at = findInside(data.text, t.start, t.end, u.nameAsWritten ?? u.name);
        if (at) out.push({ key, kind: "unit", start: at[0], end: at[1] });
      }
    }
    for (const q of [...data.targets, ...data.actuals])
      out.push({
        key: keyOf(q.kind, q.id),
        kind: q.kind,
        start: q.start,
        end: q.end,
        rejected: q.reviewStatus === "rejected",
      });
    return out;
  }, [data]);

  const from = plan?.start ?? 0;
  const to = plan?.end || data?.text.length || 0;
  const doc = useMemo(() => {
    if (!data) return null;
    const firstOf = new Set<string>();
    return runs(from, to, spans).map((r) => {
      let node: ReactNode = (
        <span key={r.start} data-o={r.start}>
          {data.text.slice(r.start, r.end)}
        </span>
      );
      for (const s of [...r.covering].reverse()) {
        const anchor = !firstOf.has(s.key) && s.kind !== "unit" && s.kind !== "deadline";
        if (anchor) firstOf.add(s.key);
        node = (
          <mark
            key={`${s.key}-${s.kind}-${r.start}`}
            className={`hl hl-${s.kind}${s.rejected ? " hl-rejected" : ""}`}
            data-key={s.key}
            data-kind={s.kind}
            {...(anchor ? { id: `m-${s.key}` } : {})}
          >
            {node}
          </mark>
        );
      }
      return node;
    });
  }, [data, spans, from, to]);

  // Jump from a mark to its item and back.
  const select = (key: string, from: "doc" | "list") => {
    setActive(key);
    const kind = key.split(":")[0] as ItemKind;
    if (from === "doc") {
      setTab(kind);
      setFilter("all");
      setTimeout(
        () => document.getElementById(`i-${key}`)?.scrollIntoView({ behavior: "smooth", block: "center" }),
        50,
      );
    } else scrollWithin(docRef.current, document.getElementById(`m-${key}`));
  };

  const onDocClick = (e: React.MouseEvent) => {
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed) return;
    const mark = (e.target as HTMLElement).closest("mark[data-key]");
    if (mark) select(mark.getAttribute("data-key") ?? "", "doc");
  };

  const offsetIn = (node: Node | null, offset: number): number | null => {
    const el = node?.nodeType === Node.TEXT_NODE ? node.parentElement : (node as HTMLElement | null);
    const o = el?.closest("[data-o]")?.getAttribute("data-o");
    return o === null || o === undefined
      ? null
      : Number(o) + (node?.nodeType === Node.TEXT_NODE ? offset : 0);
  };
  const onDocMouseUp = () => {
    const sel = window.getSelection();
    if (!editable || !sel || sel.isCollapsed || !data) return;
    const a = offsetIn(sel.anchorNode, sel.anchorOffset);
    const b = offsetIn(sel.focusNode, sel.focusOffset);
    if (a === null || b === null || a === b) return;
    const start = Math.min(a, b);
    const end = Math.max(a, b);
    setSelection({ start, end, quote: data.text.slice(start, end) });
  };

  const items: Record<ItemKind, AnyItem[]> = {
    section: data?.sections ?? [],
    task: data?.tasks ?? [],
    target: data?.targets ?? [],
    actual: data?.actuals ?? [],
  };
  const replace = (kind: ItemKind, item: AnyItem) =>
    setData((d) => {
      if (!d) return d;
      const list = (k: keyof Data) => (d[k] as AnyItem[]).some((x) => x.id === item.id);
      const key = ({ section: "sections", task: "tasks", target: "targets", actual: "actuals" } as const)[
        kind
      ];
      const current = d[key] as AnyItem[];
      return {
        ...d,
        [key]: list(key)
          ? current.map((x) => (x.id === item.id ? item : x))
          : [...current, item].sort((x, y) => x.start - y.start),
      };
    });

  const setStatus = async (kind: ItemKind, item: AnyItem, reviewStatus: ReviewStatus) => {
    try {
      const updated = await api<AnyItem>("PATCH", `/api/plans/${planId}/${paths[kind]}/${item.id}`, {
        version: item.version,
        reviewStatus,
      });
      replace(kind, updated);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) conflictNotice(kind, item);
      else report(e);
    }
  };
  const conflictNotice = (kind: ItemKind, item: AnyItem) => {
    modal.warning({
      title: tr("保存冲突", "Edit conflict"),
      content: tr(
        `此${pick(kindLabel[kind], "zh")}已被他人修改（您看到的是第 ${item.version} 版）。已为您载入最新内容，请核对后重新操作。`,
        `Someone else changed this ${kind} (you saw version ${item.version}). The latest version is loaded: check it and try again.`,
      ),
    });
    void api<AnyItem>("GET", `/api/plans/${planId}/${paths[kind]}/${item.id}`).then((fresh) =>
      replace(kind, fresh),
    );
  };

  // One all-or-nothing batch: if anyone changed one of them meanwhile, nothing is applied.
  const acceptAll = async (kind: ItemKind) => {
    const decisions = items[kind]
      .filter((x) => x.reviewStatus === "pending")
      .map((x) => ({ type: kind, id: x.id, version: x.version, reviewStatus: "accepted" }));
    try {
      const r = await api<{ updated: number }>("POST", `/api/plans/${planId}/review`, { decisions });
      void message.success(tr(`已确认 ${r.updated} 项`, `${r.updated} accepted`));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409)
        modal.warning({
          title: tr("保存冲突", "Edit conflict"),
          content: tr(
            "其中有条目已被他人修改，本次未作任何更改。已为您载入最新内容，请核对后重试。",
            "Someone changed one of these items: nothing was applied. The latest versions are loaded: check and retry.",
          ),
        });
      else report(e);
    }
    await load();
  };

  // Adjacent tasks of one section become one; the server checks adjacency and versions.
  const mergeSelected = async () => {
    const kind = tab;
    const chosen = items[kind].filter((t) => merging?.includes(t.id));
    const refs = chosen.map((t) => ({ id: t.id, version: t.version }));
    try {
      const merged = await api<AnyItem>(
        "POST",
        `/api/plans/${planId}/${paths[kind]}/merge`,
        kind === "task" ? { tasks: refs } : { items: refs },
      );
      void message.success(
        tr(
          `已将 ${chosen.length} 项${pick(kindLabel[kind], "zh")}合并为一项`,
          `${chosen.length} ${paths[kind]} merged into one`,
        ),
      );
      setMerging(null);
      await load();
      select(keyOf(kind, merged.id), "doc");
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        modal.warning({
          title: tr("保存冲突", "Edit conflict"),
          content: tr(
            "所选条目中有条目已被他人修改，未作合并。已为您载入最新内容，请核对后重试。",
            "Someone changed one of these tasks: nothing was merged. The latest versions are loaded: check and retry.",
          ),
        });
        await load();
      } else report(e);
    }
  };

  const publish = async () => {
    if (!plan) return;
    try {
      await api("POST", `/api/plans/${planId}/publish`, { version: plan.version });
      void message.success(
        tr("计划已发布，可在任务分工台账中督办", "Published: follow it up in the task register"),
      );
      await reloadPlan();
      navigate(`/plans/${planId}/register`);
    } catch (e) {
      report(e);
    }
  };

  if (!data || !plan)
    return (
      <div className="page-loading">
        <Spin size="large" />
      </div>
    );

  const pendingCount = [...data.sections, ...data.tasks, ...data.targets, ...data.actuals].filter(
    (x) => x.reviewStatus === "pending",
  ).length;
  const shown = items[tab].filter((x) => filter === "all" || x.reviewStatus === filter);

  return (
    <>
      <Row justify="space-between" align="middle" style={{ marginBottom: 12 }}>
        <Col>
          <Space align="center">
            <Typography.Title level={4} className="page-title" style={{ marginBottom: 0 }}>
              {tr("审核识别结果", "Review the extraction")}
            </Typography.Title>
            <Tag color="gold" data-testid="pending-count">
              {tr(`待审核 ${pendingCount} 项`, `${pendingCount} pending`)}
            </Tag>
          </Space>
        </Col>
        <Col>
          <Space className="legend">
            {(["section", "task", "unit", "deadline", "target", "actual"] as Kind[]).map((k) => (
              <mark key={k} className={`hl hl-${k}`}>
                {pick(kindLabel[k], lang)}
              </mark>
            ))}
            {editable && (
              <Popconfirm
                title={tr("发布计划", "Publish the plan")}
                description={tr(
                  `发布后将不能再修改识别结果${pendingCount ? `，${pendingCount} 项待审核条目将一并确认` : ""}。`,
                  `Published plans can no longer be edited${pendingCount ? `; ${pendingCount} pending items will be accepted` : ""}.`,
                )}
                onConfirm={() => void publish()}
              >
                <Button type="primary" icon={<SendOutlined />} data-testid="publish">
                  {tr("发布计划", "Publish")}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Col>
      </Row>
      {!editable && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={
            plan.status === "published"
              ? tr("计划已发布，识别结果只读。", "The plan is published: read only.")
              : tr("您没有审核权限，仅可查看。", "You may only view.")
          }
        />
      )}
      <Row gutter={16}>
        <Col span={13}>
          <Card
            size="small"
            title={plan.document?.fileName ?? tr("原文", "Original")}
            extra={
              editable && (
                <Typography.Text type="secondary">
                  {tr("选中原文可添加遗漏条目", "Select text to add a missed item")}
                </Typography.Text>
              )
            }
            styles={{ body: { padding: 0 } }}
          >
            <style>
              {active ? `mark[data-key="${active}"]{outline:2px solid #c8102e;outline-offset:1px}` : ""}
            </style>
            <div
              className="doc-pane"
              ref={docRef}
              onClick={onDocClick}
              onMouseUp={onDocMouseUp}
              data-testid="doc-pane"
            >
              {doc}
            </div>
            {selection && editable && (
              <div className="selection-bar" data-testid="selection-bar">
                <Typography.Text ellipsis style={{ maxWidth: "100%" }}>
                  {tr("已选中：", "Selected: ")}“{selection.quote}”
                </Typography.Text>
                <Space style={{ marginTop: 6 }}>
                  {(["task", "target", "actual", "section"] as ItemKind[]).map((k) => (
                    <Button
                      key={k}
                      size="small"
                      icon={<PlusOutlined />}
                      onClick={() => {
                        setEditing({ kind: k, item: null, span: selection });
                        setSelection(null);
                      }}
                      data-testid={`add-${k}`}
                    >
                      {tr(`添加为${pick(kindLabel[k], "zh")}`, `Add as ${k}`)}
                    </Button>
                  ))}
                  <Button size="small" type="text" onClick={() => setSelection(null)}>
                    {tr("取消", "Cancel")}
                  </Button>
                </Space>
              </div>
            )}
          </Card>
        </Col>
        <Col span={11}>
          <Card size="small" styles={{ body: { paddingTop: 0 } }}>
            <Tabs
              activeKey={tab}
              onChange={(k) => setTab(k as ItemKind)}
              items={(["task", "target", "actual", "section"] as ItemKind[]).map((k) => ({
                key: k,
                label: (
                  <span data-testid={`tab-${k}`}>
                    {pick(kindLabel[k], lang)}{" "}
                    <Badge
                      count={items[k].length}
                      color="#8c8c8c"
                      overflowCount={999}
                      showZero
                      size="small"
                    />
                  </span>
                ),
              }))}
            />
            <div style={{ marginBottom: 8, display: "flex", justifyContent: "space-between", gap: 8 }}>
              <Segmented<ReviewStatus | "all">
                size="small"
                value={filter}
                onChange={setFilter}
                options={[
                  { value: "all", label: tr("全部", "All") },
                  { value: "pending", label: pick(reviewLabel.pending, lang) },
                  { value: "accepted", label: pick(reviewLabel.accepted, lang) },
                  { value: "rejected", label: pick(reviewLabel.rejected, lang) },
                ]}
              />
              {editable && tab !== "section" && (
                <Space size={4}>
                  {merging && (
                    <Button
                      size="small"
                      type="primary"
                      disabled={merging.length < 2}
                      onClick={() => void mergeSelected()}
                      data-testid="merge-selected"
                    >
                      {tr(`合并所选（${merging.length}）`, `Merge selected (${merging.length})`)}
                    </Button>
                  )}
                  <Tooltip
                    title={
                      merging
                        ? ""
                        : tr(
                            "勾选同一章节下相邻的条目合并为一项",
                            "Tick adjacent items of one section to merge them",
                          )
                    }
                  >
                    <Button
                      size="small"
                      icon={<MergeCellsOutlined />}
                      onClick={() => setMerging(merging ? null : [])}
                      data-testid="merge-mode"
                    >
                      {merging ? tr("取消合并", "Cancel merge") : tr("合并", "Merge")}
                    </Button>
                  </Tooltip>
                </Space>
              )}
              {editable && items[tab].some((x) => x.reviewStatus === "pending") && (
                <Popconfirm
                  title={tr(
                    `确认全部 ${items[tab].filter((x) => x.reviewStatus === "pending").length} 项待审核${pick(kindLabel[tab], "zh")}？`,
                    `Accept all ${items[tab].filter((x) => x.reviewStatus === "pending").length} pending?`,
                  )}
                  onConfirm={() => void acceptAll(tab)}
                >
                  <Button size="small" icon={<CheckOutlined />} data-testid="accept-all">
                    {tr("全部确认", "Accept all")}
                  </Button>
                </Popconfirm>
              )}
            </div>
            <div className="items-pane" ref={listRef} data-testid="items-pane">
              {shown.length === 0 && <Empty description={tr("暂无条目", "No items")} />}
              {shown.map((item) => {
                const key = keyOf(tab, item.id);
                return (
                  <div
                    key={item.id}
                    id={`i-${key}`}
                    data-testid="item-card"
                    data-kind={tab}
                    className={`item-card${active === key ? " active" : ""}${item.reviewStatus === "rejected" ? " rejected" : ""}`}
                    onClick={() => select(key, "list")}
                  >
                    {merging && tab !== "section" && item.reviewStatus !== "rejected" && (
                      <Checkbox
                        style={{ float: "right", marginLeft: 8 }}
                        checked={merging.includes(item.id)}
                        onClick={(e) => e.stopPropagation()}
                        onChange={(e) =>
                          setMerging((m) =>
                            e.target.checked
                              ? [...(m ?? []), item.id]
                              : (m ?? []).filter((x) => x !== item.id),
                          )
                        }
                        data-testid="merge-pick"
                      />
                    )}
                    <ItemBody kind={tab} item={item} />
                    <Row justify="space-between" align="middle" style={{ marginTop: 6 }}>
                      <Space size={4}>
                        <Tag color={reviewColor[item.reviewStatus]}>
                          {pick(reviewLabel[item.reviewStatus], lang)}
                        </Tag>
                        {item.origin === "added" && <Tag>{tr("人工添加", "Added")}</Tag>}
                      </Space>
                      {editable && (
                        <Space size={2} onClick={(e) => e.stopPropagation()}>
                          {item.reviewStatus !== "accepted" && (
                            <Tooltip title={tr("确认", "Accept")}>
                              <Button
                                size="small"
                                type="text"
                                icon={<CheckOutlined style={{ color: "#389e0d" }} />}
                                onClick={() => void setStatus(tab, item, "accepted")}
                                data-testid="accept"
                              />
                            </Tooltip>
                          )}
                          {tab !== "section" && item.reviewStatus !== "rejected" && item.quote.length > 1 && (
                            <Tooltip title={tr("拆分", "Split")}>
                              <Button
                                size="small"
                                type="text"
                                icon={<ScissorOutlined />}
                                onClick={() => setSplitting({ kind: tab, item })}
                                data-testid="split"
                              />
                            </Tooltip>
                          )}
                          <Tooltip title={tr("编辑", "Edit")}>
                            <Button
                              size="small"
                              type="text"
                              icon={<EditOutlined />}
                              onClick={() => setEditing({ kind: tab, item })}
                              data-testid="edit"
                            />
                          </Tooltip>
                          {item.reviewStatus !== "rejected" ? (
                            <Tooltip title={tr("驳回", "Reject")}>
                              <Button
                                size="small"
                                type="text"
                                danger
                                icon={<CloseOutlined />}
                                onClick={() => void setStatus(tab, item, "rejected")}
                                data-testid="reject"
                              />
                            </Tooltip>
                          ) : (
                            <Tooltip title={tr("恢复为待审核", "Back to pending")}>
                              <Button
                                size="small"
                                type="text"
                                icon={<UndoOutlined />}
                                onClick={() => void setStatus(tab, item, "pending")}
                              />
                            </Tooltip>
                          )}
                        </Space>
                      )}
                    </Row>
                  </div>
                );
              })}
            </div>
          </Card>
        </Col>
      </Row>
      {editing && (
        <EditModal
          planId={planId}
          editing={editing}
          units={data.units}
          onDirty={setDirty}
          onClose={(saved) => {
            setDirty(false);
            setEditing(null);
            if (saved) {
              replace(editing.kind, saved);
              select(keyOf(editing.kind, saved.id), "doc");
            }
          }}
        />
      )}
      {splitting && (
        <SplitModal
          planId={planId}
          kind={splitting.kind}
          item={splitting.item}
          onClose={async (parts, conflict) => {
            setSplitting(null);
            if (conflict) conflictNotice(splitting.kind, splitting.item);
            if (!parts) return;
            void message.success(
              tr(
                `已拆分为 ${parts.length} 项${pick(kindLabel[splitting.kind], "zh")}`,
                `Split into ${parts.length}`,
              ),
            );
            await load();
            if (parts[0]) select(keyOf(splitting.kind, parts[0].id), "doc");
          }}
        />
      )}
      <Modal
        open={blocker.state === "blocked"}
        title={tr("有未保存的修改", "Unsaved changes")}
        okText={tr("放弃修改并离开", "Discard and leave")}
        cancelText={tr("继续编辑", "Keep editing")}
        okButtonProps={{ danger: true }}
        onOk={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        {tr(
          "当前编辑尚未保存，离开后修改将丢失。",
          "Your edit is not saved yet and will be lost if you leave.",
        )}
      </Modal>
    </>
  );
}

/** Scrolls a pane (not the window) so that the element sits in its middle. */
function scrollWithin(pane: HTMLElement | null, el: HTMLElement | null): void {
  if (!pane || !el) return;
  const top = el.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop;
  pane.scrollTo({ top: Math.max(0, top - pane.clientHeight / 3), behavior: "smooth" });
}

function ItemBody({ kind, item }: { kind: ItemKind; item: AnyItem }) {
  const { tr, lang } = useI18n();
  if (kind === "section") {
    const s = item as Section;
    return (
      <Typography.Text strong className="item-text" style={{ paddingLeft: (s.level - 1) * 12 }}>
        {s.marker}
        {s.title}
      </Typography.Text>
    );
  }
  if (kind === "task") {
    const t = item as Task;
    return (
      <>
        <div className="item-text">{t.text}</div>
        {(t.leadUnits.length > 0 || t.partnerUnits.length > 0 || t.deadlineDue || t.deadline) && (
          <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
            {t.leadUnits.map((u) => (
              <Tag key={u.id} color="purple">
                {tr("牵头", "Lead")}：{u.name}
              </Tag>
            ))}
            {t.partnerUnits.map((u) => (
              <Tag key={u.id}>
                {tr("配合", "Partner")}：{u.name}
              </Tag>
            ))}
            {(t.deadlineDue || t.deadline) && (
              <Tag color="magenta">
                {tr("时限", "Due")}：{t.deadline?.text ?? t.deadlineDue}
                {t.deadline && t.deadlineDue ? `（${t.deadlineDue}）` : ""}
              </Tag>
            )}
          </Space>
        )}
      </>
    );
  }
  const q = item as Quantity;
  return (
    <>
      <div className="item-text">
        <Typography.Text strong>{q.metric}</Typography.Text>{" "}
        {pick(comparatorLabel[q.comparator], lang) || q.comparator}{" "}
        <Typography.Text strong style={{ color: q.kind === "target" ? "#389e0d" : "#d46b08" }}>
          {q.value}
          {q.unit}
        </Typography.Text>
        {q.deadline && <Typography.Text type="secondary">（{q.deadline}）</Typography.Text>}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {tr("原文：", "Source: ")}
        {q.quote}
      </Typography.Text>
    </>
  );
}

interface FormValues {
  text?: string;
  title?: string;
  level?: number;
  leadUnitIds?: string[];
  partnerUnitIds?: string[];
  deadlineDue?: string;
  metric?: string;
  comparator?: string;
  value?: number;
  unit?: string;
  deadline?: string;
}

function EditModal({
  planId,
  editing,
  units,
  onDirty,
  onClose,
}: {
  planId: string;
  editing: Editing;
  units: Unit[];
  onDirty: (d: boolean) => void;
  onClose: (saved: AnyItem | null) => void;
}) {
  const { tr, lang } = useI18n();
  const report = useReportError();
  const { modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [dirty, setDirtyState] = useState(false);
  const [busy, setBusy] = useState(false);
  const [item, setItem] = useState<AnyItem | null>(editing.item);
  const [conflict, setConflict] = useState<AnyItem | null>(null);
  const { kind, span } = editing;
  const setDirty = (d: boolean) => {
    setDirtyState(d);
    onDirty(d);
  };

  const initial = useMemo<FormValues>(() => {
    const it = editing.item;
    if (kind === "task") {
      const t = it as Task | null;
      return {
        text: t?.text ?? span?.quote.trim() ?? "",
        leadUnitIds: t?.leadUnits.map((u) => u.id) ?? [],
        partnerUnitIds: t?.partnerUnits.map((u) => u.id) ?? [],
        deadlineDue: t?.deadlineDue ?? "",
      };
    }
    if (kind === "section") {
      const s = it as Section | null;
      return { title: s?.title ?? span?.quote.trim() ?? "", level: s?.level ?? 1 };
    }
    const q = it as Quantity | null;
    const num = span ? /(\d+(?:\.\d+)?)/.exec(span.quote) : null;
    return {
      metric: q?.metric ?? span?.quote.replace(/[\d.%]+.*$/, "").trim() ?? "",
      comparator: q?.comparator ?? (kind === "actual" ? "=" : ">="),
      value: q?.value ?? (num ? Number(num[1]) : 0),
      unit: q?.unit ?? (span?.quote.includes("%") ? "%" : ""),
      deadline: q?.deadline ?? "",
    };
  }, [editing.item, kind, span]);

  const save = async (overwrite?: AnyItem) => {
    const v = await form.validateFields();
    const base = overwrite ?? item;
    let body: Record<string, unknown>;
    if (kind === "task")
      body = {
        text: v.text,
        leadUnitIds: v.leadUnitIds ?? [],
        partnerUnitIds: v.partnerUnitIds ?? [],
        deadlineDue: v.deadlineDue ? v.deadlineDue : null,
      };
    else if (kind === "section")
      body = { title: v.title, ...(base ? {} : { level: v.level ?? 1, marker: "" }) };
    else
      body = {
        metric: v.metric,
        comparator: v.comparator,
        value: v.value,
        unit: v.unit ?? "",
        deadline: v.deadline ? v.deadline : null,
      };
    setBusy(true);
    try {
      const saved = base
        ? await api<AnyItem>("PATCH", `/api/plans/${planId}/${paths[kind]}/${base.id}`, {
            ...body,
            version: base.version,
            ...(base.reviewStatus === "pending" ? { reviewStatus: "accepted" } : {}),
          })
        : await api<AnyItem>("POST", `/api/plans/${planId}/${paths[kind]}`, {
            ...body,
            ...(span ? { start: span.start, end: span.end } : {}),
          });
      setDirty(false);
      onClose(saved);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && base) {
        // Someone else saved first: keep the user's values, show what is stored now, let them decide.
        const fresh = await api<AnyItem>("GET", `/api/plans/${planId}/${paths[kind]}/${base.id}`).catch(
          () => null,
        );
        setConflict(fresh);
        if (fresh) setItem(fresh);
      } else report(e);
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    if (!dirty) return onClose(null);
    modal.confirm({
      title: tr("放弃未保存的修改？", "Discard your changes?"),
      okText: tr("放弃", "Discard"),
      cancelText: tr("继续编辑", "Keep editing"),
      okButtonProps: { danger: true },
      onOk: () => {
        setDirty(false);
        onClose(null);
      },
    });
  };

  const unitOptions = units.map((u) => ({
    value: u.id,
    label: u.status === "proposed" ? `${u.name}（${tr("待确认", "proposed")}）` : u.name,
  }));
  const title = `${editing.item ? tr("编辑", "Edit") : tr("添加", "Add")}${tr("", " ")}${pick(kindLabel[kind], lang)}`;
  return (
    <Modal
      open
      title={title}
      onCancel={close}
      width={640}
      footer={[
        <Button key="cancel" onClick={close}>
          {tr("取消", "Cancel")}
        </Button>,
        conflict ? (
          <Button
            key="over"
            type="primary"
            danger
            loading={busy}
            onClick={() => void save(conflict)}
            data-testid="overwrite"
          >
            {tr("以我的修改覆盖", "Overwrite with mine")}
          </Button>
        ) : (
          <Button key="ok" type="primary" loading={busy} onClick={() => void save()} data-testid="save">
            {editing.item ? tr("保存并确认", "Save and accept") : tr("添加", "Add")}
          </Button>
        ),
      ]}
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="conflict"
          message={tr("保存冲突：此条目已被他人修改", "Conflict: someone else changed this item")}
          description={
            <>
              {tr(
                `您编辑的是第 ${editing.item?.version ?? "?"} 版，当前已是第 ${conflict.version} 版。您的修改仍保留在下方，尚未保存。`,
                `You edited version ${editing.item?.version ?? "?"}; it is now version ${conflict.version}. Your changes are kept below, not saved.`,
              )}
              <div style={{ marginTop: 6 }}>
                {tr("他人保存的内容：", "Their version: ")}
                <Typography.Text code>{summary(kind, conflict)}</Typography.Text>
              </div>
            </>
          }
        />
      )}
      {span && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          message={`${tr("原文位置", "Source")} ${span.start}–${span.end}：${span.quote}`}
        />
      )}
      <Form form={form} layout="vertical" initialValues={initial} onValuesChange={() => setDirty(true)}>
        {kind === "task" && (
          <>
            <Form.Item name="text" label={tr("工作任务", "Task")} rules={[{ required: true }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="field-text" />
            </Form.Item>
            <Form.Item name="leadUnitIds" label={tr("牵头单位", "Lead units")}>
              <Select
                mode="multiple"
                options={unitOptions}
                optionFilterProp="label"
                data-testid="field-lead"
              />
            </Form.Item>
            <Form.Item name="partnerUnitIds" label={tr("配合单位", "Partner units")}>
              <Select mode="multiple" options={unitOptions} optionFilterProp="label" />
            </Form.Item>
            <Form.Item
              name="deadlineDue"
              label={tr("完成时限", "Due date")}
              rules={[
                { pattern: /^\d{4}-\d{2}-\d{2}$/, message: tr("请按 YYYY-MM-DD 填写", "Use YYYY-MM-DD") },
              ]}
            >
              <Input placeholder="YYYY-MM-DD" style={{ width: 200 }} data-testid="field-deadline" />
            </Form.Item>
          </>
        )}
        {kind === "section" && (
          <>
            <Form.Item name="title" label={tr("章节标题", "Title")} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            {!editing.item && (
              <Form.Item name="level" label={tr("层级", "Level")}>
                <InputNumber min={1} max={9} />
              </Form.Item>
            )}
          </>
        )}
        {(kind === "target" || kind === "actual") && (
          <>
            <Form.Item name="metric" label={tr("指标", "Metric")} rules={[{ required: true }]}>
              <Input data-testid="field-metric" />
            </Form.Item>
            <Space align="start" wrap>
              <Form.Item name="comparator" label={tr("比较", "Comparator")}>
                <Select
                  style={{ width: 150 }}
                  options={Object.entries(comparatorLabel).map(([value, l]) => ({
                    value,
                    label: pick(l, lang),
                  }))}
                />
              </Form.Item>
              <Form.Item name="value" label={tr("数值", "Value")} rules={[{ required: true }]}>
                <InputNumber style={{ width: 140 }} data-testid="field-value" />
              </Form.Item>
              <Form.Item name="unit" label={tr("单位", "Unit")}>
                <Input style={{ width: 100 }} />
              </Form.Item>
              <Form.Item name="deadline" label={tr("时限", "Deadline")}>
                <Input style={{ width: 120 }} placeholder="2025" />
              </Form.Item>
            </Space>
          </>
        )}
      </Form>
    </Modal>
  );
}

function summary(kind: ItemKind, item: AnyItem): string {
  if (kind === "task") return (item as Task).text;
  if (kind === "section") return (item as Section).title;
  const q = item as Quantity;
  return `${q.metric} ${q.comparator} ${q.value}${q.unit}`;
}

/**
 * Chooses where a task splits: each gap between two characters of its quote is a cut point the user
 * toggles with a click; the parts are previewed as they will be saved (exact pieces of the original text).
 */
function SplitModal({
  planId,
  kind,
  item: task,
  onClose,
}: {
  planId: string;
  kind: ItemKind;
  item: AnyItem;
  onClose: (parts: AnyItem[] | null, conflict?: boolean) => void;
}) {
  const { tr, lang } = useI18n();
  const report = useReportError();
  const [cuts, setCuts] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const chars = [...task.quote];
  const toggle = (at: number) =>
    setCuts((c) => (c.includes(at) ? c.filter((x) => x !== at) : [...c, at].sort((a, b) => a - b)));
  // Offsets count UTF-16 units, as the server's do.
  const unitOffsets = chars.reduce<number[]>((acc, ch, i) => [...acc, (acc[i] ?? 0) + ch.length], [0]);
  const bounds = [0, ...cuts, task.quote.length];
  const parts = bounds.slice(1).map((end, i) => task.quote.slice(bounds[i], end).trim());
  const save = async () => {
    setBusy(true);
    try {
      const r = await api<{ items: AnyItem[] }>(
        "POST",
        `/api/plans/${planId}/${paths[kind]}/${task.id}/split`,
        {
          version: task.version,
          at: cuts,
        },
      );
      onClose(r.items);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) onClose(null, true);
      else report(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={680}
      title={`${tr("拆分", "Split: ")}${pick(kindLabel[kind], lang)}`}
      onCancel={() => onClose(null)}
      footer={[
        <Button key="cancel" onClick={() => onClose(null)}>
          {tr("取消", "Cancel")}
        </Button>,
        <Button
          key="ok"
          type="primary"
          disabled={cuts.length === 0 || parts.some((p) => !p)}
          loading={busy}
          onClick={() => void save()}
          data-testid="split-save"
        >
          {tr(`拆分为 ${parts.length} 项`, `Split into ${parts.length}`)}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        {kind === "task"
          ? tr(
              "在原文中点击两个字之间的位置设置拆分点（再次点击取消）。牵头、配合单位归入写明它们的部分，完成时限归入写明时限的部分。",
              "Click between two characters to set a split point (click again to remove). Units go to the part naming them, the deadline to the part stating it.",
            )
          : tr(
              "在原文中点击两个字之间的位置设置拆分点（再次点击取消）。各部分沿用原指标与数值，置为待审核，请逐项核对修改。",
              "Click between two characters to set a split point (click again to remove). Each part keeps the reading and is left pending: check and correct each.",
            )}
      </Typography.Paragraph>
      <div className="split-text" data-testid="split-text">
        {chars.map((ch, i) => {
          const at = unitOffsets[i] ?? 0;
          return (
            <span key={i}>
              {i > 0 && (
                <span
                  className={`split-gap${cuts.includes(at) ? " on" : ""}`}
                  data-at={at}
                  onClick={() => toggle(at)}
                  title={tr("在此拆分", "Split here")}
                />
              )}
              <span className="split-char" onClick={() => i > 0 && toggle(at)}>
                {ch}
              </span>
            </span>
          );
        })}
      </div>
      {cuts.length > 0 && (
        <div style={{ marginTop: 12 }} data-testid="split-preview">
          {parts.map((p, i) => (
            <div key={i} className="split-part">
              <Tag color={p ? "blue" : "red"}>{tr(`第 ${i + 1} 项`, `Part ${i + 1}`)}</Tag>
              {p || tr("（空白，请调整拆分点）", "(empty: move the split point)")}
            </div>
          ))}
        </div>
      )}
    </Modal>
  );
}
