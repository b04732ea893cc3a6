/**
 * 整改台账: every problem with its measures, responsible leader, unit, person and deadline; filters, the
 * overdue flag, progress notes (进展情况) by the unit, 销号 by planners (only after progress), and the
 * ledger exported as .xlsx.
 */
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Timeline,
  Typography,
  type ButtonProps,
} from "antd";
import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { api } from "../api";
import { useAuth } from "../auth";
import { useLoad, useReportError } from "../hooks";
import { useI18n } from "../i18n";

interface Item {
  id: string;
  planId: string | null;
  taskId: string | null;
  source: string;
  problem: string;
  measures: string;
  leader: string | null;
  unitId: string | null;
  unitName: string | null;
  person: string | null;
  deadline: string | null;
  status: "open" | "closed";
  overdue: boolean;
  closedAt: string | null;
  closeNote: string | null;
  version: number;
  updates: Array<{ id: string; note: string; createdAt: string }>;
}

interface ListBody {
  on: string;
  counts: { total: number; open: number; closed: number; overdue: number };
  items: Item[];
}

const sources = ["督查", "考核", "审计", "巡察", "自查", "其他"];

export default function Rectification() {
  const { can, user } = useAuth();
  const { tr } = useI18n();
  const { message } = App.useApp();
  const report = useReportError();
  const [search, setSearch] = useSearchParams();
  const [status, setStatus] = useState<"open" | "closed">();
  const [unitId, setUnitId] = useState<string>();
  const [source, setSource] = useState<string>();
  const [overdue, setOverdue] = useState(false);
  const [q, setQ] = useState("");
  const [editing, setEditing] = useState<Item | "new" | null>(null);
  const [form] = Form.useForm();
  const query = () => {
    const p = new URLSearchParams();
    if (status) p.set("status", status);
    if (unitId) p.set("unitId", unitId);
    if (source) p.set("source", source);
    if (overdue) p.set("overdue", "true");
    if (q.trim()) p.set("q", q.trim());
    return p.toString();
  };
  const list = useLoad(
    () => api<ListBody>("GET", `/api/rectifications?${query()}`),
    [status, unitId, source, overdue, q],
  );
  const units = useLoad(
    () =>
      api<{ items: Array<{ id: string; name: string }> }>("GET", "/api/units?pageSize=200").then(
        (r) => r.items,
      ),
    [],
  );
  const openId = search.get("item");
  const planner = can("planner");

  const startEdit = (item: Item | "new") => {
    setEditing(item);
    form.resetFields();
    if (item !== "new") form.setFieldsValue(item);
    else form.setFieldsValue({ source: "督查" });
  };

  const save = async () => {
    const v = (await form.validateFields()) as Record<string, string | null | undefined>;
    const body = Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, x === "" || x === undefined ? null : x]),
    );
    try {
      if (editing === "new") await api("POST", "/api/rectifications", body);
      else if (editing)
        await api("PATCH", `/api/rectifications/${editing.id}`, { ...body, version: editing.version });
      setEditing(null);
      void message.success(tr("已保存", "Saved"));
      await list.reload();
    } catch (e) {
      report(e);
    }
  };

  const counts = list.data?.counts;
  return (
    <>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} align="center">
        <Typography.Title level={4} className="page-title" style={{ marginBottom: 0 }}>
          {tr("整改台账", "Rectification ledger")}
        </Typography.Title>
        <Space>
          {counts && (
            <Typography.Text type="secondary" data-testid="rect-summary">
              {tr(
                `共 ${counts.total} 项，已销号 ${counts.closed} 项，超期未销号 ${counts.overdue} 项`,
                `${counts.total} items, ${counts.closed} closed, ${counts.overdue} overdue`,
              )}
            </Typography.Text>
          )}
          <Button
            icon={<DownloadOutlined />}
            href={`/api/rectifications.xlsx?${query()}`}
            data-testid="rect-export"
          >
            {tr("导出台账", "Export")}
          </Button>
          {planner && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => startEdit("new")}
              data-testid="rect-new"
            >
              {tr("新增问题", "Add problem")}
            </Button>
          )}
        </Space>
      </Space>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={tr("搜索问题或措施", "Search")}
            onSearch={setQ}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            placeholder={tr("状态", "Status")}
            style={{ width: 120 }}
            value={status}
            onChange={setStatus}
            options={[
              { value: "open", label: tr("未销号", "Open") },
              { value: "closed", label: tr("已销号", "Closed") },
            ]}
          />
          <Select
            allowClear
            placeholder={tr("来源", "Source")}
            style={{ width: 120 }}
            value={source}
            onChange={setSource}
            options={sources.map((s) => ({ value: s, label: s }))}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={tr("责任单位", "Unit")}
            style={{ width: 200 }}
            value={unitId}
            onChange={setUnitId}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
          <Space>
            <Switch checked={overdue} onChange={setOverdue} />
            {tr("只看超期", "Overdue only")}
          </Space>
        </Space>
      </Card>
      <Table<Item>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: tr("序号", "No."), width: 60, render: (_, __, i) => i + 1 },
          { title: tr("来源", "Source"), dataIndex: "source", width: 70 },
          { title: tr("问题", "Problem"), dataIndex: "problem" },
          { title: tr("整改措施", "Measures"), dataIndex: "measures" },
          { title: tr("责任单位", "Unit"), dataIndex: "unitName", width: 120 },
          { title: tr("责任人", "Person"), dataIndex: "person", width: 80 },
          {
            title: tr("整改时限", "Deadline"),
            dataIndex: "deadline",
            width: 110,
            render: (d: string | null, r) => (
              <Space size={4}>
                {d ?? "—"}
                {r.overdue && <Tag color="red">{tr("超期", "Overdue")}</Tag>}
              </Space>
            ),
          },
          {
            title: tr("是否销号", "Closed"),
            width: 90,
            render: (_, r) =>
              r.status === "closed" ? (
                <Tag color="green">{tr("已销号", "Closed")}</Tag>
              ) : (
                <Tag>{tr("未销号", "Open")}</Tag>
              ),
          },
          {
            title: tr("操作", "Actions"),
            width: 130,
            render: (_, r) => (
              <Space size={4}>
                <Button
                  size="small"
                  onClick={() => setSearch({ item: r.id })}
                  data-testid={`rect-open-${r.id}`}
                >
                  {tr("详情", "Open")}
                </Button>
                {planner && r.status === "open" && (
                  <Button size="small" onClick={() => startEdit(r)}>
                    {tr("编辑", "Edit")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={
          editing === "new" ? tr("新增整改问题", "Add a problem") : tr("编辑整改问题", "Edit the problem")
        }
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okButtonProps={{ "data-testid": "rect-save" } as ButtonProps}
        width={640}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="source" label={tr("问题来源", "Source")} rules={[{ required: true }]}>
            <Select options={sources.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
          <Form.Item
            name="problem"
            label={tr("问题", "Problem")}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={2} data-testid="rect-field-problem" />
          </Form.Item>
          <Form.Item
            name="measures"
            label={tr("整改措施", "Measures")}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={3} data-testid="rect-field-measures" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="leader" label={tr("责任领导", "Leader")}>
              <Input />
            </Form.Item>
            <Form.Item name="unitId" label={tr("责任单位", "Unit")}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                style={{ width: 200 }}
                data-testid="rect-field-unit"
                options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
            <Form.Item name="person" label={tr("责任人", "Person")}>
              <Input data-testid="rect-field-person" />
            </Form.Item>
            <Form.Item name="deadline" label={tr("整改时限", "Deadline")}>
              <Input type="date" data-testid="rect-field-deadline" />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
      {openId && (
        <ItemDrawer
          id={openId}
          mayNote={(item) => planner || (!!item.unitId && !!user?.unitIds.includes(item.unitId))}
          mayClose={planner}
          onClose={() => setSearch({})}
          onChanged={() => void list.reload()}
        />
      )}
    </>
  );
}

function ItemDrawer(props: {
  id: string;
  mayNote: (item: Item) => boolean;
  mayClose: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { tr } = useI18n();
  const report = useReportError();
  const item = useLoad(() => api<Item>("GET", `/api/rectifications/${props.id}`), [props.id]);
  const [note, setNote] = useState("");
  const [closing, setClosing] = useState(false);
  const [closeNote, setCloseNote] = useState("");
  const it = item.data;
  const run = async (method: string, url: string, body: unknown, done: () => void) => {
    try {
      item.setData(await api<Item>(method, url, body));
      done();
      props.onChanged();
    } catch (e) {
      report(e);
    }
  };
  return (
    <Drawer open width={600} onClose={props.onClose} title={tr("整改事项", "Rectification item")}>
      {it && (
        <>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={tr("问题", "Problem")}>{it.problem}</Descriptions.Item>
            <Descriptions.Item label={tr("整改措施", "Measures")}>{it.measures}</Descriptions.Item>
            <Descriptions.Item label={tr("责任领导", "Leader")}>{it.leader ?? "—"}</Descriptions.Item>
            <Descriptions.Item label={tr("责任单位", "Unit")}>{it.unitName ?? "—"}</Descriptions.Item>
            <Descriptions.Item label={tr("责任人", "Person")}>{it.person ?? "—"}</Descriptions.Item>
            <Descriptions.Item label={tr("整改时限", "Deadline")}>
              {it.deadline ?? "—"} {it.overdue && <Tag color="red">{tr("超期", "Overdue")}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={tr("是否销号", "Closed")}>
              <span data-testid="rect-status">
                {it.status === "closed"
                  ? `${tr("已销号", "Closed")}：${it.closeNote ?? ""}`
                  : tr("未销号", "Open")}
              </span>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{tr("进展情况", "Progress")}</Typography.Title>
          <Timeline
            items={it.updates.map((u) => ({
              key: u.id,
              children: (
                <>
                  <Typography.Text type="secondary">
                    {dayjs(u.createdAt).format("YYYY-MM-DD")}
                  </Typography.Text>{" "}
                  {u.note}
                </>
              ),
            }))}
          />
          {it.status === "open" && props.mayNote(it) && (
            <Space.Compact style={{ width: "100%", marginBottom: 12 }}>
              <Input
                value={note}
                onChange={(e) => setNote(e.target.value)}
                data-testid="rect-note"
                placeholder={tr("填写整改进展", "Progress note")}
              />
              <Button
                type="primary"
                data-testid="rect-add-note"
                disabled={!note.trim()}
                onClick={() =>
                  void run("POST", `/api/rectifications/${it.id}/updates`, { note }, () => setNote(""))
                }
              >
                {tr("报送进展", "Add")}
              </Button>
            </Space.Compact>
          )}
          {it.status === "open" && props.mayClose && (
            <Button
              data-testid="rect-close"
              danger
              disabled={it.updates.length === 0}
              onClick={() => setClosing(true)}
            >
              {tr("销号", "Close (销号)")}
            </Button>
          )}
          <Modal
            open={closing}
            title={tr("销号", "Close the item")}
            onCancel={() => setClosing(false)}
            okButtonProps={{ disabled: !closeNote.trim(), "data-testid": "rect-close-ok" } as ButtonProps}
            onOk={() =>
              void run("POST", `/api/rectifications/${it.id}/close`, { note: closeNote }, () =>
                setClosing(false),
              )
            }
          >
            <Input.TextArea
              rows={3}
              value={closeNote}
              onChange={(e) => setCloseNote(e.target.value)}
              data-testid="rect-close-note"
              placeholder={tr("销号意见", "Note")}
            />
          </Modal>
        </>
      )}
    </Drawer>
  );
}
