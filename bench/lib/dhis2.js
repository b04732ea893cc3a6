// Generated observations as DHIS2 dataValueSets CSV lines (the format src/exchange reads and writes):
// dataElement = indicator code, period in DHIS2 form (2024, 2024Q1, 202403), orgUnit = org-unit code,
// numerator and denominator in the comment ("numerator=4;denominator=18157"), see docs/exchange.md.

export const dhis2CsvHeader =
  "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup";

/** Mubiao period id → DHIS2 period: 2024M03 → 202403; years and quarters are written alike. */
export function toDhis2Period(id) {
  const m = /^(\d{4})M(\d{2})$/.exec(id);
  return m ? `${m[1]}${m[2]}` : id;
}

export function dhis2Comment(numerator, denominator) {
  return numerator === null || denominator === null
    ? ""
    : `numerator=${numerator};denominator=${denominator}`;
}

/** One generated observation (province.js) as a CSV line; codes carry no commas or quotes. */
export function dhis2CsvLine(province, o, storedBy = "bench", lastUpdated = "2024-12-31T00:00:00.000Z") {
  return [
    province.indicators[o.indicatorIndex].code,
    toDhis2Period(o.periodId),
    province.orgUnits[o.orgUnitIndex].code,
    "",
    "",
    String(o.value),
    storedBy,
    lastUpdated,
    dhis2Comment(o.numerator, o.denominator),
    "false",
  ].join(",");
}
