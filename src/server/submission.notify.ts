/**
 * The reporting workflow's notices as in-app notifications (and e-mails where SMTP is configured): written
 * in the transaction of the change that causes them, so a rolled-back approval tells no one.
 */
import type { Db } from "../db/database.js";
import { NotificationService } from "./notification.service.js";
import type { WorkflowNotice } from "./submission.service.js";

export function submissionNotifier(db: Db): (notice: WorkflowNotice) => Promise<unknown> {
  return async (notice) => {
    const planners = notice.planners
      ? (
          await db
            .selectFrom("user_roles")
            .innerJoin("users", "users.id", "user_roles.user_id")
            .where("user_roles.role", "=", "planner")
            .where("users.disabled", "=", 0)
            .select("user_roles.user_id")
            .execute()
        ).map((r) => r.user_id)
      : [];
    return NotificationService.notify(db, {
      userIds: [...(notice.userIds ?? []), ...planners],
      kind: notice.kind,
      title: notice.title,
      body: notice.body,
      link: notice.link,
      exceptUserId: notice.exceptUserId ?? null,
    });
  };
}
