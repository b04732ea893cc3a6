/** Small data hooks: load something from the API, with a reload and the error shown once. */
import { useCallback, useEffect, useRef, useState } from "react";
import { App } from "antd";
import { ApiError } from "./api";
import { useI18n } from "./i18n";

export function useLoad<T>(
  load: () => Promise<T>,
  deps: unknown[],
): {
  data: T | undefined;
  loading: boolean;
  reload: () => Promise<void>;
  setData: (d: T) => void;
} {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  // The reporter is read through a ref: its identity must not start a second load.
  const reportError = useReportError();
  const report = useRef(reportError);
  report.current = reportError;
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await run());
    } catch (e) {
      report.current(e);
    } finally {
      setLoading(false);
    }
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, loading, reload, setData };
}

export function useReportError(): (e: unknown) => void {
  const { message } = App.useApp();
  const { lang } = useI18n();
  return useCallback(
    (e: unknown) => {
      if (e instanceof ApiError) void message.error(e.text(lang));
      else void message.error(String(e));
    },
    [message, lang],
  );
}
