--
-- PostgreSQL database dump
--

\restrict EojKWgOY9qnxvMcrzVVQJy5KKXYS3C1b21dcoQOSiSWUVXmBP9MtCbDiMAQAVDX

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: kpi_agent_monthly; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kpi_agent_monthly (
    month_start date NOT NULL,
    agent_id text NOT NULL,
    agent_name text NOT NULL,
    store_id text NOT NULL,
    team_id text NOT NULL,
    version integer NOT NULL,
    is_current boolean NOT NULL,
    run_id text NOT NULL,
    scheme_version text NOT NULL,
    status text NOT NULL,
    customers_received integer NOT NULL,
    survey_count integer NOT NULL,
    votes_1 integer NOT NULL,
    votes_2 integer NOT NULL,
    votes_3 integer NOT NULL,
    votes_4 integer NOT NULL,
    votes_5 integer NOT NULL,
    satisfaction_avg double precision,
    complaint_count integer NOT NULL,
    complaint_customers integer NOT NULL,
    complaint_rate double precision,
    first_purchase_customers integer NOT NULL,
    repeat_purchase_customers integer NOT NULL,
    referral_customers integer NOT NULL,
    repurchase_rate double precision,
    referral_rate double precision,
    consultation_count integer NOT NULL,
    timely_count integer NOT NULL,
    timely_rate double precision,
    satisfaction_points double precision,
    complaint_points double precision,
    loyalty_points double precision,
    timeliness_points double precision,
    satisfaction_weight double precision,
    complaint_weight double precision,
    loyalty_weight double precision,
    timeliness_weight double precision,
    score_before_adjustment numeric(5,2),
    score_adjustment numeric(6,2) NOT NULL,
    score numeric(5,2),
    tier text,
    bonus_amount numeric(12,2) NOT NULL,
    currency text,
    consecutive_months_below_60 integer NOT NULL,
    is_warning boolean NOT NULL,
    is_demotion_review boolean NOT NULL,
    is_complaint_review boolean NOT NULL,
    improvement_focus text,
    improvement_topic text,
    computed_at timestamp with time zone NOT NULL
);


--
-- Name: TABLE kpi_agent_monthly; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.kpi_agent_monthly IS 'an agent''s monthly scorecard (績效考核). Grain: one row per (month_start, agent_id, version); BI and payroll read the current version (is_current).';


--
-- Name: COLUMN kpi_agent_monthly.month_start; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.month_start IS 'first day of the month scored';


--
-- Name: COLUMN kpi_agent_monthly.agent_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.agent_id IS 'agent (客服工號) from the roster';


--
-- Name: COLUMN kpi_agent_monthly.agent_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.agent_name IS 'agent name from the month''s roster';


--
-- Name: COLUMN kpi_agent_monthly.store_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.store_id IS 'the agent''s roster store';


--
-- Name: COLUMN kpi_agent_monthly.team_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.team_id IS 'the agent''s roster team; the store_id when the roster has none';


--
-- Name: COLUMN kpi_agent_monthly.version; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.version IS '1, 2, ... per month; each publish of the month adds one';


--
-- Name: COLUMN kpi_agent_monthly.is_current; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.is_current IS 'true on the one version payroll and BI use';


--
-- Name: COLUMN kpi_agent_monthly.run_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.run_id IS 'the run that wrote the row (see kpi_run)';


--
-- Name: COLUMN kpi_agent_monthly.scheme_version; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.scheme_version IS 'version of the scheme file used';


--
-- Name: COLUMN kpi_agent_monthly.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.status IS 'scored, or insufficient_data when no metric had enough samples';


--
-- Name: COLUMN kpi_agent_monthly.customers_received; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.customers_received IS 'distinct customers in the agent''s receptions';


--
-- Name: COLUMN kpi_agent_monthly.survey_count; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.survey_count IS 'satisfaction surveys (after voided ones)';


--
-- Name: COLUMN kpi_agent_monthly.votes_1; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.votes_1 IS 'surveys rated 1 (非常不滿意)';


--
-- Name: COLUMN kpi_agent_monthly.votes_2; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.votes_2 IS 'surveys rated 2 (不滿意)';


--
-- Name: COLUMN kpi_agent_monthly.votes_3; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.votes_3 IS 'surveys rated 3 (一般)';


--
-- Name: COLUMN kpi_agent_monthly.votes_4; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.votes_4 IS 'surveys rated 4 (滿意)';


--
-- Name: COLUMN kpi_agent_monthly.votes_5; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.votes_5 IS 'surveys rated 5 (非常滿意)';


--
-- Name: COLUMN kpi_agent_monthly.satisfaction_avg; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.satisfaction_avg IS 'mean rating, 1..5; null when no surveys';


--
-- Name: COLUMN kpi_agent_monthly.complaint_count; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.complaint_count IS 'valid complaints';


--
-- Name: COLUMN kpi_agent_monthly.complaint_customers; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.complaint_customers IS 'distinct customers of valid complaints';


--
-- Name: COLUMN kpi_agent_monthly.complaint_rate; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.complaint_rate IS 'fraction: complaint_customers / customers_received; null when none received';


--
-- Name: COLUMN kpi_agent_monthly.first_purchase_customers; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.first_purchase_customers IS 'distinct customers with a first purchase (首購)';


--
-- Name: COLUMN kpi_agent_monthly.repeat_purchase_customers; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.repeat_purchase_customers IS 'distinct customers with an additional or replacement purchase (二次購買)';


--
-- Name: COLUMN kpi_agent_monthly.referral_customers; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.referral_customers IS 'distinct customers who bought on a referral';


--
-- Name: COLUMN kpi_agent_monthly.repurchase_rate; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.repurchase_rate IS 'fraction (can exceed 1): repeat / first purchase customers; null when no first purchase';


--
-- Name: COLUMN kpi_agent_monthly.referral_rate; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.referral_rate IS 'fraction: referral_customers / customers_received; null when none received';


--
-- Name: COLUMN kpi_agent_monthly.consultation_count; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.consultation_count IS 'consultations handled';


--
-- Name: COLUMN kpi_agent_monthly.timely_count; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.timely_count IS 'consultations answered and resolved within the channel''s SLA';


--
-- Name: COLUMN kpi_agent_monthly.timely_rate; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.timely_rate IS 'fraction 0..1: timely_count / consultation_count; null when none';


--
-- Name: COLUMN kpi_agent_monthly.satisfaction_points; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.satisfaction_points IS 'points earned, unrounded; null when satisfaction is N/A';


--
-- Name: COLUMN kpi_agent_monthly.complaint_points; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.complaint_points IS 'points earned, unrounded; null when complaint_rate is N/A';


--
-- Name: COLUMN kpi_agent_monthly.loyalty_points; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.loyalty_points IS 'points earned, unrounded; null when loyalty is N/A';


--
-- Name: COLUMN kpi_agent_monthly.timeliness_points; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.timeliness_points IS 'points earned, unrounded; null when timeliness is N/A';


--
-- Name: COLUMN kpi_agent_monthly.satisfaction_weight; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.satisfaction_weight IS 'effective weight after redistribution, points; null when N/A';


--
-- Name: COLUMN kpi_agent_monthly.complaint_weight; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.complaint_weight IS 'effective weight after redistribution, points; null when N/A';


--
-- Name: COLUMN kpi_agent_monthly.loyalty_weight; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.loyalty_weight IS 'effective weight after redistribution, points; null when N/A';


--
-- Name: COLUMN kpi_agent_monthly.timeliness_weight; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.timeliness_weight IS 'effective weight after redistribution, points; null when N/A';


--
-- Name: COLUMN kpi_agent_monthly.score_before_adjustment; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.score_before_adjustment IS 'sum of points rounded half-up to 2 decimals; null when insufficient_data';


--
-- Name: COLUMN kpi_agent_monthly.score_adjustment; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.score_adjustment IS 'sum of applied adjust_score appeals; 0 when none';


--
-- Name: COLUMN kpi_agent_monthly.score; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.score IS 'final score 0..100; null when insufficient_data';


--
-- Name: COLUMN kpi_agent_monthly.tier; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.tier IS 'bonus tier reached; null when insufficient_data';


--
-- Name: COLUMN kpi_agent_monthly.bonus_amount; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.bonus_amount IS 'the tier''s bonus in the scheme''s currency';


--
-- Name: COLUMN kpi_agent_monthly.currency; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.currency IS 'the scheme''s currency of bonus_amount (e.g. CNY)';


--
-- Name: COLUMN kpi_agent_monthly.consecutive_months_below_60; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.consecutive_months_below_60 IS 'consecutive months with a warning, ending with this one';


--
-- Name: COLUMN kpi_agent_monthly.is_warning; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.is_warning IS 'score below the scheme''s warning line: warning and improvement plan';


--
-- Name: COLUMN kpi_agent_monthly.is_demotion_review; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.is_demotion_review IS 'warned for the scheme''s number of consecutive months: demotion or transfer review';


--
-- Name: COLUMN kpi_agent_monthly.is_complaint_review; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.is_complaint_review IS 'complaint_count reached the scheme''s review line';


--
-- Name: COLUMN kpi_agent_monthly.improvement_focus; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.improvement_focus IS 'metric key that lost the most points; null when none lost';


--
-- Name: COLUMN kpi_agent_monthly.improvement_topic; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.improvement_topic IS 'the scheme''s training topic for improvement_focus';


--
-- Name: COLUMN kpi_agent_monthly.computed_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.computed_at IS 'when the row was computed (UTC)';


--
-- Name: kpi_appeal_outcome; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kpi_appeal_outcome (
    run_id text NOT NULL,
    month_start date NOT NULL,
    version integer NOT NULL,
    is_current boolean NOT NULL,
    appeal_id text NOT NULL,
    agent_id text NOT NULL,
    kind text NOT NULL,
    is_applied boolean NOT NULL,
    reason text,
    deadline_on date
);


--
-- Name: TABLE kpi_appeal_outcome; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.kpi_appeal_outcome IS 'what became of each valid appeal (績效申訴). Grain: one row per appeal read, per published version.';


--
-- Name: COLUMN kpi_appeal_outcome.run_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_appeal_outcome.run_id IS 'the run that decided it';


--
-- Name: COLUMN kpi_appeal_outcome.month_start; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_appeal_outcome.month_start IS 'the month run';


--
-- Name: COLUMN kpi_appeal_outcome.version; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_appeal_outcome.version IS 'the version of the month it belongs to';


--
-- Name: COLUMN kpi_appeal_outcome.is_current; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_appeal_outcome.is_current IS 'true on the month''s current version';


--
-- Name: COLUMN kpi_appeal_outcome.appeal_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_appeal_outcome.appeal_id IS 'the appeal''s id';


--
-- Name: COLUMN kpi_appeal_outcome.agent_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_appeal_outcome.agent_id IS 'the appealing agent';


--
-- Name: COLUMN kpi_appeal_outcome.kind; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_appeal_outcome.kind IS 'void_record or adjust_score';


--
-- Name: COLUMN kpi_appeal_outcome.is_applied; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_appeal_outcome.is_applied IS 'the appeal took effect';


--
-- Name: COLUMN kpi_appeal_outcome.reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_appeal_outcome.reason IS 'null when applied; else rejected, pending, month_mismatch, late, record_not_found or agent_mismatch';


--
-- Name: COLUMN kpi_appeal_outcome.deadline_on; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_appeal_outcome.deadline_on IS 'last on-time filing day: the window''s last working day after feedback_on';


--
-- Name: kpi_payroll_adjustment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kpi_payroll_adjustment (
    month_start date NOT NULL,
    agent_id text NOT NULL,
    agent_name text NOT NULL,
    store_id text NOT NULL,
    from_version integer NOT NULL,
    to_version integer NOT NULL,
    bonus_before numeric(12,2) NOT NULL,
    bonus_after numeric(12,2) NOT NULL,
    delta numeric(12,2) NOT NULL,
    currency text NOT NULL,
    run_id text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    export_id text
);


--
-- Name: TABLE kpi_payroll_adjustment; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.kpi_payroll_adjustment IS 'bonus changes between published versions, for payroll to pay or recover later. Grain: one row per changed bonus.';


--
-- Name: COLUMN kpi_payroll_adjustment.month_start; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_adjustment.month_start IS 'the month the bonus is for';


--
-- Name: COLUMN kpi_payroll_adjustment.agent_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_adjustment.agent_id IS 'the agent';


--
-- Name: COLUMN kpi_payroll_adjustment.agent_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_adjustment.agent_name IS 'the agent''s name in the newer version (or the older when gone)';


--
-- Name: COLUMN kpi_payroll_adjustment.store_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_adjustment.store_id IS 'the agent''s store';


--
-- Name: COLUMN kpi_payroll_adjustment.from_version; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_adjustment.from_version IS 'the version payroll knew';


--
-- Name: COLUMN kpi_payroll_adjustment.to_version; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_adjustment.to_version IS 'the version now current';


--
-- Name: COLUMN kpi_payroll_adjustment.bonus_before; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_adjustment.bonus_before IS 'bonus in from_version (0 when absent)';


--
-- Name: COLUMN kpi_payroll_adjustment.bonus_after; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_adjustment.bonus_after IS 'bonus in to_version (0 when absent)';


--
-- Name: COLUMN kpi_payroll_adjustment.delta; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_adjustment.delta IS 'bonus_after - bonus_before: to pay when positive, to recover when negative';


--
-- Name: COLUMN kpi_payroll_adjustment.currency; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_adjustment.currency IS 'the scheme''s currency';


--
-- Name: COLUMN kpi_payroll_adjustment.run_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_adjustment.run_id IS 'the run that published to_version';


--
-- Name: COLUMN kpi_payroll_adjustment.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_adjustment.created_at IS 'when it was recorded (UTC)';


--
-- Name: COLUMN kpi_payroll_adjustment.export_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_adjustment.export_id IS 'the payroll export that carried it; null until exported';


--
-- Name: kpi_payroll_export; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kpi_payroll_export (
    export_id text NOT NULL,
    month_start date NOT NULL,
    version integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    file_name text NOT NULL,
    bonus_total numeric(14,2) NOT NULL,
    adjustment_total numeric(14,2) NOT NULL
);


--
-- Name: TABLE kpi_payroll_export; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.kpi_payroll_export IS 'the payroll files handed over. Grain: one row per payroll export, the first export of each month (exporting a month again reproduces its file).';


--
-- Name: COLUMN kpi_payroll_export.export_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_export.export_id IS 'identifier of the export';


--
-- Name: COLUMN kpi_payroll_export.month_start; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_export.month_start IS 'the month exported';


--
-- Name: COLUMN kpi_payroll_export.version; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_export.version IS 'the month''s version paid, frozen by its first export';


--
-- Name: COLUMN kpi_payroll_export.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_export.created_at IS 'when it was made (UTC)';


--
-- Name: COLUMN kpi_payroll_export.file_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_export.file_name IS 'the file written';


--
-- Name: COLUMN kpi_payroll_export.bonus_total; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_export.bonus_total IS 'sum of the month''s bonuses in the file';


--
-- Name: COLUMN kpi_payroll_export.adjustment_total; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_export.adjustment_total IS 'sum of the adjustments the file carries';


--
-- Name: kpi_rejected_row; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kpi_rejected_row (
    run_id text NOT NULL,
    month_start date NOT NULL,
    source text NOT NULL,
    file_name text NOT NULL,
    row_number integer NOT NULL,
    record_id text,
    reasons text NOT NULL,
    raw text NOT NULL
);


--
-- Name: TABLE kpi_rejected_row; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.kpi_rejected_row IS 'the quarantine. Grain: one row per rejected input row and run.';


--
-- Name: COLUMN kpi_rejected_row.run_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_rejected_row.run_id IS 'the run that rejected the row';


--
-- Name: COLUMN kpi_rejected_row.month_start; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_rejected_row.month_start IS 'the month run';


--
-- Name: COLUMN kpi_rejected_row.source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_rejected_row.source IS 'the export the row came from';


--
-- Name: COLUMN kpi_rejected_row.file_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_rejected_row.file_name IS 'the file''s name in the month folder';


--
-- Name: COLUMN kpi_rejected_row.row_number; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_rejected_row.row_number IS '1-based position among the file''s data rows';


--
-- Name: COLUMN kpi_rejected_row.record_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_rejected_row.record_id IS 'the row''s id as read; null when missing';


--
-- Name: COLUMN kpi_rejected_row.reasons; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_rejected_row.reasons IS 'reason codes joined with '';'' in the order of exports.md';


--
-- Name: COLUMN kpi_rejected_row.raw; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_rejected_row.raw IS 'the row''s contract columns as read, JSON';


--
-- Name: kpi_run; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kpi_run (
    run_id text NOT NULL,
    month_start date NOT NULL,
    status text NOT NULL,
    version integer,
    fingerprint text,
    scheme_version text,
    code_version text,
    started_at timestamp with time zone NOT NULL,
    finished_at timestamp with time zone NOT NULL,
    error text,
    warnings text,
    allow_rejects boolean NOT NULL,
    data_docs text
);


--
-- Name: TABLE kpi_run; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.kpi_run IS 'the run log. Grain: one row per run of a month, published, unchanged or failed.';


--
-- Name: COLUMN kpi_run.run_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run.run_id IS 'identifier of the run';


--
-- Name: COLUMN kpi_run.month_start; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run.month_start IS 'first day of the month run';


--
-- Name: COLUMN kpi_run.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run.status IS 'published, unchanged or failed';


--
-- Name: COLUMN kpi_run.version; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run.version IS 'the version published, or the month''s current version for unchanged and failed runs';


--
-- Name: COLUMN kpi_run.fingerprint; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run.fingerprint IS 'hash of the inputs, the scheme file and the previous month''s current run_id';


--
-- Name: COLUMN kpi_run.scheme_version; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run.scheme_version IS 'version of the scheme file used';


--
-- Name: COLUMN kpi_run.code_version; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run.code_version IS 'version of the pipeline code';


--
-- Name: COLUMN kpi_run.started_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run.started_at IS 'when the run started (UTC)';


--
-- Name: COLUMN kpi_run.finished_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run.finished_at IS 'when the run ended (UTC)';


--
-- Name: COLUMN kpi_run.error; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run.error IS 'why the run failed; null unless failed';


--
-- Name: COLUMN kpi_run.warnings; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run.warnings IS 'notes for the operator, one per line (stale later months, calendar gaps, ...)';


--
-- Name: COLUMN kpi_run.allow_rejects; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run.allow_rejects IS 'published over the reject threshold by the operator''s choice';


--
-- Name: COLUMN kpi_run.data_docs; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run.data_docs IS 'where the quality gate''s report is';


--
-- Name: kpi_run_input; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kpi_run_input (
    run_id text NOT NULL,
    month_start date NOT NULL,
    source text NOT NULL,
    file_name text NOT NULL,
    file_sha256 text NOT NULL,
    encoding text NOT NULL,
    rows_read integer NOT NULL,
    rows_accepted integer NOT NULL,
    rows_rejected integer NOT NULL,
    rows_duplicate integer NOT NULL,
    rows_out_of_period integer NOT NULL
);


--
-- Name: TABLE kpi_run_input; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.kpi_run_input IS 'lineage of a run''s input files. Grain: one row per (run_id, source file).';


--
-- Name: COLUMN kpi_run_input.run_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run_input.run_id IS 'the run that read the file';


--
-- Name: COLUMN kpi_run_input.month_start; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run_input.month_start IS 'the month run';


--
-- Name: COLUMN kpi_run_input.source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run_input.source IS 'agents, receptions, surveys, complaints, purchases, consultations or appeals';


--
-- Name: COLUMN kpi_run_input.file_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run_input.file_name IS 'the file''s name in the month folder';


--
-- Name: COLUMN kpi_run_input.file_sha256; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run_input.file_sha256 IS 'SHA-256 of the file''s bytes';


--
-- Name: COLUMN kpi_run_input.encoding; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run_input.encoding IS 'utf-8, utf-8-sig, gb18030, xlsx or xls';


--
-- Name: COLUMN kpi_run_input.rows_read; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run_input.rows_read IS 'data rows read (blank rows are not rows)';


--
-- Name: COLUMN kpi_run_input.rows_accepted; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run_input.rows_accepted IS 'rows used in the calculation';


--
-- Name: COLUMN kpi_run_input.rows_rejected; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run_input.rows_rejected IS 'rows quarantined (see kpi_rejected_row)';


--
-- Name: COLUMN kpi_run_input.rows_duplicate; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run_input.rows_duplicate IS 'exact duplicates collapsed';


--
-- Name: COLUMN kpi_run_input.rows_out_of_period; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run_input.rows_out_of_period IS 'rows of another month; rows_read = the four counts added up';


--
-- Name: kpi_team_monthly; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kpi_team_monthly (
    month_start date NOT NULL,
    store_id text NOT NULL,
    team_id text NOT NULL,
    version integer NOT NULL,
    is_current boolean NOT NULL,
    run_id text NOT NULL,
    scheme_version text NOT NULL,
    agent_count integer NOT NULL,
    customers_received integer NOT NULL,
    survey_count integer NOT NULL,
    satisfaction_avg double precision,
    satisfaction_pct double precision,
    satisfied_share double precision,
    complaint_count integer NOT NULL,
    complaint_rate double precision,
    consultation_count integer NOT NULL,
    timely_count integer NOT NULL,
    is_team_reward boolean NOT NULL,
    is_satisfaction_target_met boolean,
    is_complaint_target_met boolean,
    is_timeliness_target_met boolean
);


--
-- Name: TABLE kpi_team_monthly; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.kpi_team_monthly IS 'a team''s pooled monthly metrics, team reward (團隊獎勵) and department targets. Grain: one row per (month_start, store_id, team_id, version).';


--
-- Name: COLUMN kpi_team_monthly.month_start; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.month_start IS 'first day of the month';


--
-- Name: COLUMN kpi_team_monthly.store_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.store_id IS 'store of the team';


--
-- Name: COLUMN kpi_team_monthly.team_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.team_id IS 'team within the store; the store_id when the store is one team';


--
-- Name: COLUMN kpi_team_monthly.version; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.version IS 'version of the month (see kpi_agent_monthly)';


--
-- Name: COLUMN kpi_team_monthly.is_current; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.is_current IS 'true on the version BI uses';


--
-- Name: COLUMN kpi_team_monthly.run_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.run_id IS 'the run that wrote the row';


--
-- Name: COLUMN kpi_team_monthly.scheme_version; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.scheme_version IS 'version of the scheme file used';


--
-- Name: COLUMN kpi_team_monthly.agent_count; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.agent_count IS 'active agents of the team';


--
-- Name: COLUMN kpi_team_monthly.customers_received; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.customers_received IS 'distinct customers received over the team';


--
-- Name: COLUMN kpi_team_monthly.survey_count; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.survey_count IS 'surveys over the team';


--
-- Name: COLUMN kpi_team_monthly.satisfaction_avg; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.satisfaction_avg IS 'mean rating 1..5 over the team; null when no surveys';


--
-- Name: COLUMN kpi_team_monthly.satisfaction_pct; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.satisfaction_pct IS 'fraction 0..1: satisfaction_avg / 5';


--
-- Name: COLUMN kpi_team_monthly.satisfied_share; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.satisfied_share IS 'fraction 0..1 of surveys rated 4 or 5';


--
-- Name: COLUMN kpi_team_monthly.complaint_count; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.complaint_count IS 'valid complaints over the team';


--
-- Name: COLUMN kpi_team_monthly.complaint_rate; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.complaint_rate IS 'fraction: distinct complaint customers / customers_received; null when none received';


--
-- Name: COLUMN kpi_team_monthly.consultation_count; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.consultation_count IS 'consultations over the team';


--
-- Name: COLUMN kpi_team_monthly.timely_count; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.timely_count IS 'timely consultations over the team';


--
-- Name: COLUMN kpi_team_monthly.is_team_reward; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.is_team_reward IS 'the team earned the team reward';


--
-- Name: COLUMN kpi_team_monthly.is_satisfaction_target_met; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.is_satisfaction_target_met IS 'satisfaction_pct reached the scheme target; null without target or value';


--
-- Name: COLUMN kpi_team_monthly.is_complaint_target_met; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.is_complaint_target_met IS 'complaint_rate within the scheme target; null without target or value';


--
-- Name: COLUMN kpi_team_monthly.is_timeliness_target_met; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.is_timeliness_target_met IS 'timely rate reached the scheme target; null without target or value';


--
-- Name: v_kpi_agent_current; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.v_kpi_agent_current AS
 SELECT kpi_agent_monthly.month_start,
    kpi_agent_monthly.agent_id,
    kpi_agent_monthly.agent_name,
    kpi_agent_monthly.store_id,
    kpi_agent_monthly.team_id,
    kpi_agent_monthly.version,
    kpi_agent_monthly.is_current,
    kpi_agent_monthly.run_id,
    kpi_agent_monthly.scheme_version,
    kpi_agent_monthly.status,
    kpi_agent_monthly.customers_received,
    kpi_agent_monthly.survey_count,
    kpi_agent_monthly.votes_1,
    kpi_agent_monthly.votes_2,
    kpi_agent_monthly.votes_3,
    kpi_agent_monthly.votes_4,
    kpi_agent_monthly.votes_5,
    kpi_agent_monthly.satisfaction_avg,
    kpi_agent_monthly.complaint_count,
    kpi_agent_monthly.complaint_customers,
    kpi_agent_monthly.complaint_rate,
    kpi_agent_monthly.first_purchase_customers,
    kpi_agent_monthly.repeat_purchase_customers,
    kpi_agent_monthly.referral_customers,
    kpi_agent_monthly.repurchase_rate,
    kpi_agent_monthly.referral_rate,
    kpi_agent_monthly.consultation_count,
    kpi_agent_monthly.timely_count,
    kpi_agent_monthly.timely_rate,
    kpi_agent_monthly.satisfaction_points,
    kpi_agent_monthly.complaint_points,
    kpi_agent_monthly.loyalty_points,
    kpi_agent_monthly.timeliness_points,
    kpi_agent_monthly.satisfaction_weight,
    kpi_agent_monthly.complaint_weight,
    kpi_agent_monthly.loyalty_weight,
    kpi_agent_monthly.timeliness_weight,
    kpi_agent_monthly.score_before_adjustment,
    kpi_agent_monthly.score_adjustment,
    kpi_agent_monthly.score,
    kpi_agent_monthly.tier,
    kpi_agent_monthly.bonus_amount,
    kpi_agent_monthly.currency,
    kpi_agent_monthly.consecutive_months_below_60,
    kpi_agent_monthly.is_warning,
    kpi_agent_monthly.is_demotion_review,
    kpi_agent_monthly.is_complaint_review,
    kpi_agent_monthly.improvement_focus,
    kpi_agent_monthly.improvement_topic,
    kpi_agent_monthly.computed_at
   FROM public.kpi_agent_monthly
  WHERE kpi_agent_monthly.is_current;


--
-- Name: VIEW v_kpi_agent_current; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.v_kpi_agent_current IS 'the current scorecard of every agent and month (kpi_agent_monthly where is_current).';


--
-- Name: v_kpi_team_current; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.v_kpi_team_current AS
 SELECT kpi_team_monthly.month_start,
    kpi_team_monthly.store_id,
    kpi_team_monthly.team_id,
    kpi_team_monthly.version,
    kpi_team_monthly.is_current,
    kpi_team_monthly.run_id,
    kpi_team_monthly.scheme_version,
    kpi_team_monthly.agent_count,
    kpi_team_monthly.customers_received,
    kpi_team_monthly.survey_count,
    kpi_team_monthly.satisfaction_avg,
    kpi_team_monthly.satisfaction_pct,
    kpi_team_monthly.satisfied_share,
    kpi_team_monthly.complaint_count,
    kpi_team_monthly.complaint_rate,
    kpi_team_monthly.consultation_count,
    kpi_team_monthly.timely_count,
    kpi_team_monthly.is_team_reward,
    kpi_team_monthly.is_satisfaction_target_met,
    kpi_team_monthly.is_complaint_target_met,
    kpi_team_monthly.is_timeliness_target_met
   FROM public.kpi_team_monthly
  WHERE kpi_team_monthly.is_current;


--
-- Name: VIEW v_kpi_team_current; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.v_kpi_team_current IS 'the current team metrics of every team and month (kpi_team_monthly where is_current).';


--
-- Name: v_payroll_bonus; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.v_payroll_bonus AS
 SELECT kpi_agent_monthly.month_start,
    kpi_agent_monthly.agent_id,
    kpi_agent_monthly.agent_name,
    kpi_agent_monthly.store_id,
    kpi_agent_monthly.tier,
    kpi_agent_monthly.bonus_amount,
    kpi_agent_monthly.version
   FROM public.kpi_agent_monthly
  WHERE kpi_agent_monthly.is_current;


--
-- Name: VIEW v_payroll_bonus; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.v_payroll_bonus IS 'what payroll pays: every agent''s bonus of the current version of each month.';


--
-- Data for Name: kpi_agent_monthly; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_agent_monthly (month_start, agent_id, agent_name, store_id, team_id, version, is_current, run_id, scheme_version, status, customers_received, survey_count, votes_1, votes_2, votes_3, votes_4, votes_5, satisfaction_avg, complaint_count, complaint_customers, complaint_rate, first_purchase_customers, repeat_purchase_customers, referral_customers, repurchase_rate, referral_rate, consultation_count, timely_count, timely_rate, satisfaction_points, complaint_points, loyalty_points, timeliness_points, satisfaction_weight, complaint_weight, loyalty_weight, timeliness_weight, score_before_adjustment, score_adjustment, score, tier, bonus_amount, currency, consecutive_months_below_60, is_warning, is_demotion_review, is_complaint_review, improvement_focus, improvement_topic, computed_at) FROM stdin;
2026-09-01	0010002	陈勇	S001	T1	1	t	406189ed0002440692fc23ef6ba9d2f7	default-2026	scored	474	144	5	13	28	40	58	3.923611111111111	16	16	0.03375527426160337	20	10	4	0.5	0.008438818565400843	1477	1311	0.8876100203114421	18.47222222222222	9.746835443037977	8.132911392405063	6.5707515233581555	40	30	15	15	42.92	0.00	42.92	E	0.00	CNY	2	t	t	t	satisfaction	服務技巧 service skills	2026-12-04 11:27:37.275772+00
2026-09-01	0010003	孙涛	S001	T2	1	t	406189ed0002440692fc23ef6ba9d2f7	default-2026	scored	478	146	10	15	26	50	45	3.719178082191781	14	14	0.029288702928870293	17	13	6	0.7647058823529411	0.012552301255230125	1477	1279	0.8659444820582262	14.383561643835616	12.426778242677825	8.44142259414226	4.94583615436696	40	30	15	15	40.20	0.00	40.20	E	0.00	CNY	2	t	t	t	satisfaction	服務技巧 service skills	2026-12-04 11:27:37.275772+00
2026-08-01	0010002	陈勇	S001	T1	2	t	7ade9c3304b540e3a4b14a73fd3b0e59	fixture-raise	scored	489	156	6	6	31	51	62	4.006410256410256	16	16	0.032719836400818	16	8	4	0.5	0.0081799591002045	1437	1283	0.8928322894919972	20.128205128205128	10.368098159509202	8.113496932515337	6.96242171189979	40	30	15	15	45.57	3.25	48.82	E	100.00	CNY	1	t	f	t	satisfaction	服務技巧 service skills	2026-12-04 11:28:51.238999+00
2026-08-01	0010003	孙涛	S001	T2	2	t	7ade9c3304b540e3a4b14a73fd3b0e59	fixture-raise	scored	481	155	5	11	35	45	59	3.9161290322580644	15	14	0.029106029106029108	13	11	3	0.8461538461538461	0.006237006237006237	1437	1244	0.8656924147529576	18.32258064516129	12.536382536382536	7.967775467775469	4.926931106471814	40	30	15	15	43.75	0.00	43.75	E	100.00	CNY	1	t	f	t	satisfaction	服務技巧 service skills	2026-12-04 11:28:51.238999+00
2026-08-01	0010002	陈勇	S001	T1	1	f	1a1bd2167c5f40ddb70e42b8402b6b5c	default-2026	scored	489	156	6	6	31	51	62	4.006410256410256	16	16	0.032719836400818	16	8	4	0.5	0.0081799591002045	1437	1283	0.8928322894919972	20.128205128205128	10.368098159509202	8.113496932515337	6.96242171189979	40	30	15	15	45.57	3.25	48.82	E	0.00	CNY	1	t	f	t	satisfaction	服務技巧 service skills	2026-12-04 11:27:35.2309+00
2026-08-01	0010003	孙涛	S001	T2	1	f	1a1bd2167c5f40ddb70e42b8402b6b5c	default-2026	scored	481	155	5	11	35	45	59	3.9161290322580644	15	14	0.029106029106029108	13	11	3	0.8461538461538461	0.006237006237006237	1437	1244	0.8656924147529576	18.32258064516129	12.536382536382536	7.967775467775469	4.926931106471814	40	30	15	15	43.75	0.00	43.75	E	0.00	CNY	1	t	f	t	satisfaction	服務技巧 service skills	2026-12-04 11:27:35.2309+00
2026-10-01	0010002	陈勇	S001	T1	1	t	7e9878731393457aa83fd097db7c4fb6	default-2026	scored	493	126	6	8	19	30	63	4.079365079365079	11	11	0.02231237322515213	18	6	6	0.3333333333333333	0.012170385395537525	1506	1339	0.8891102257636122	21.58730158730158	16.612576064908723	8.412778904665315	6.6832669322709135	40	30	15	15	53.30	0.00	53.30	E	0.00	CNY	3	t	t	t	satisfaction	服務技巧 service skills	2026-12-04 11:29:39.02088+00
2026-10-01	0010003	孙涛	S001	T2	1	t	7e9878731393457aa83fd097db7c4fb6	default-2026	scored	463	126	5	13	20	38	50	3.9126984126984126	16	16	0.03455723542116631	16	8	3	0.5	0.0064794816414686825	1497	1290	0.8617234468937875	18.253968253968253	9.265658747300215	7.985961123110151	4.629258517034064	40	30	15	15	40.13	0.00	40.13	E	0.00	CNY	3	t	t	t	satisfaction	服務技巧 service skills	2026-12-04 11:29:39.02088+00
\.


--
-- Data for Name: kpi_appeal_outcome; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_appeal_outcome (run_id, month_start, version, is_current, appeal_id, agent_id, kind, is_applied, reason, deadline_on) FROM stdin;
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	1	t	AP2026090000	0010002	void_record	f	rejected	2026-10-13
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	1	t	AP2026090001	0010002	adjust_score	f	rejected	2026-10-13
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	1	f	AP2026080000	0010002	void_record	f	rejected	2026-09-10
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	1	f	AP2026080001	0010002	adjust_score	t	\N	2026-09-10
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	2	t	AP2026080000	0010002	void_record	f	rejected	2026-09-10
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	2	t	AP2026080001	0010002	adjust_score	t	\N	2026-09-10
7e9878731393457aa83fd097db7c4fb6	2026-10-01	1	t	AP2026100000	0010003	void_record	t	\N	2026-11-10
7e9878731393457aa83fd097db7c4fb6	2026-10-01	1	t	AP2026100001	0010003	adjust_score	f	late	2026-11-10
\.


--
-- Data for Name: kpi_payroll_adjustment; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_payroll_adjustment (month_start, agent_id, agent_name, store_id, from_version, to_version, bonus_before, bonus_after, delta, currency, run_id, created_at, export_id) FROM stdin;
2026-08-01	0010002	陈勇	S001	1	2	0.00	100.00	100.00	CNY	7ade9c3304b540e3a4b14a73fd3b0e59	2026-12-04 11:28:51.238999+00	\N
2026-08-01	0010003	孙涛	S001	1	2	0.00	100.00	100.00	CNY	7ade9c3304b540e3a4b14a73fd3b0e59	2026-12-04 11:28:51.238999+00	\N
\.


--
-- Data for Name: kpi_payroll_export; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_payroll_export (export_id, month_start, version, created_at, file_name, bonus_total, adjustment_total) FROM stdin;
PE202608-3a470501db	2026-08-01	1	2026-12-04 11:28:04.13957+00	payroll-l2-213034235495367873.csv	0.00	0.00
\.


--
-- Data for Name: kpi_rejected_row; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_rejected_row (run_id, month_start, source, file_name, row_number, record_id, reasons, raw) FROM stdin;
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	receptions	receptions.csv	61	RC2026080000000060	missing_value:store_id	{"reception_id":"RC2026080000000060","store_id":null,"agent_id":"0010002","customer_id":"CUS001-32","received_at":"2026/8/12 18:08"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	receptions	receptions.csv	121	RC2026080000000120	invalid_value:received_at	{"reception_id":"RC2026080000000120","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-372","received_at":"2026-13-45 25:61"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	receptions	receptions.csv	449	RC2026080000000448	duplicate_conflict	{"reception_id":"RC2026080000000448","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-542","received_at":"2026/8/3 18:00"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	receptions	receptions.csv	450	RC2026080000000448	duplicate_conflict	{"reception_id":"RC2026080000000448","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-542","received_at":"2026/8/3 18:00"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	receptions	receptions.csv	455	RC2026080000000453	unknown_agent	{"reception_id":"RC2026080000000453","store_id":"S001","agent_id":"99999","customer_id":"CUS001-587","received_at":"2026/8/23 9:22"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	receptions	receptions.csv	621	RC2026080000000619	agent_not_active	{"reception_id":"RC2026080000000619","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-794","received_at":"2026/8/30 14:41"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	receptions	receptions.csv	931	RC2026080000000928	missing_value:received_at	{"reception_id":"RC2026080000000928","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-323","received_at":null}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	receptions	receptions.csv	984	RC2026080000000981	invalid_value:received_at	{"reception_id":"RC2026080000000981","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-148","received_at":"2026-13-45 25:61"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	receptions	receptions.csv	1058	RC2026080000001055	duplicate_conflict	{"reception_id":"RC2026080000001055","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-530","received_at":"2026/8/4 13:35"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	receptions	receptions.csv	1059	RC2026080000001055	duplicate_conflict	{"reception_id":"RC2026080000001055","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-530","received_at":"2026/8/4 13:35"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	receptions	receptions.csv	1118	RC2026080000001114	unknown_agent	{"reception_id":"RC2026080000001114","store_id":"S001","agent_id":"99999","customer_id":"CUS001-95","received_at":"2026/8/1 14:45"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	receptions	receptions.csv	1214	RC2026080000001210	agent_not_active	{"reception_id":"RC2026080000001210","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-518","received_at":"2026/8/29 9:08"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	surveys	surveys.xlsx	75	SV2026080000000074	missing_value:store_id	{"survey_id":"SV2026080000000074","store_id":null,"agent_id":"0010002","customer_id":"CUS001-253","surveyed_at":"2026-08-03 18:32:00","rating":"滿意"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	surveys	surveys.xlsx	252	SV2026080000000251	invalid_value:rating	{"survey_id":"SV2026080000000251","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-768","surveyed_at":"2026-08-06 19:01:00","rating":"很好"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	surveys	surveys.xlsx	261	SV2026080000000260	duplicate_conflict	{"survey_id":"SV2026080000000260","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-137","surveyed_at":"2026-08-18 09:10:00","rating":"滿意"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	surveys	surveys.xlsx	262	SV2026080000000260	duplicate_conflict	{"survey_id":"SV2026080000000260","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-137","surveyed_at":"2026-08-18 09:10:00","rating":"滿意"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	164	CS2026080000000163	missing_value:store_id	{"consultation_id":"CS2026080000000163","store_id":null,"agent_id":"0010002","customer_id":"CUS001-162","channel":"phone","received_at":"2026/8/3 9:13","first_response_at":"2026/8/3 9:21","resolved_at":"2026/8/4 4:47"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	200	CS2026080000000199	invalid_value:received_at	{"consultation_id":"CS2026080000000199","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-259","channel":"wechat","received_at":"2026-13-45 25:61","first_response_at":"2026/8/4 20:02","resolved_at":"2026/8/4 22:01"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	218	CS2026080000000217	duplicate_conflict	{"consultation_id":"CS2026080000000217","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-229","channel":"phone","received_at":"2026/8/13 13:06","first_response_at":"2026/8/13 13:08","resolved_at":"2026/8/13 18:54"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	219	CS2026080000000217	duplicate_conflict	{"consultation_id":"CS2026080000000217","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-229","channel":"phone","received_at":"2026/8/13 13:06","first_response_at":"2026/8/13 13:08","resolved_at":"2026/8/13 18:54"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	258	CS2026080000000256	time_order	{"consultation_id":"CS2026080000000256","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-134","channel":"online","received_at":"2026-08-01 08:00:00","first_response_at":"2026-08-01 00:00:00","resolved_at":"2026/8/28 15:11"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	279	CS2026080000000277	unknown_agent	{"consultation_id":"CS2026080000000277","store_id":"S001","agent_id":"99999","customer_id":"CUS001-450","channel":"walk_in","received_at":"2026/8/29 13:46","first_response_at":"2026/8/29 13:47","resolved_at":"2026/8/30 0:58"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	578	CS2026080000000576	agent_not_active	{"consultation_id":"CS2026080000000576","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-316","channel":"phone","received_at":"2026/8/26 15:46","first_response_at":"2026/8/26 15:55","resolved_at":"2026/8/27 3:34"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	826	CS2026080000000823	missing_value:store_id	{"consultation_id":"CS2026080000000823","store_id":null,"agent_id":"0010002","customer_id":"CUS001-95","channel":"wechat","received_at":"2026/8/7 14:52","first_response_at":"2026/8/7 14:54","resolved_at":"2026/8/7 16:49"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	977	CS2026080000000974	invalid_value:received_at	{"consultation_id":"CS2026080000000974","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-725","channel":"walk_in","received_at":"2026-13-45 25:61","first_response_at":"2026/8/28 12:57","resolved_at":"2026/8/28 14:36"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	1008	CS2026080000001005	duplicate_conflict	{"consultation_id":"CS2026080000001005","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-744","channel":"phone","received_at":"2026/8/1 11:59","first_response_at":"2026/8/1 12:01","resolved_at":"2026/8/1 16:08"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	1009	CS2026080000001005	duplicate_conflict	{"consultation_id":"CS2026080000001005","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-744","channel":"phone","received_at":"2026/8/1 11:59","first_response_at":"2026/8/1 12:01","resolved_at":"2026/8/1 16:08"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	1087	CS2026080000001083	time_order	{"consultation_id":"CS2026080000001083","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-229","channel":"wechat","received_at":"2026-08-01 08:00:00","first_response_at":"2026-08-01 00:00:00","resolved_at":"2026/8/21 11:01"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	1101	CS2026080000001097	unknown_agent	{"consultation_id":"CS2026080000001097","store_id":"S001","agent_id":"99999","customer_id":"CUS001-102","channel":"phone","received_at":"2026/8/9 12:27","first_response_at":"2026/8/9 12:35","resolved_at":"2026/8/9 14:22"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	1162	CS2026080000001158	agent_not_active	{"consultation_id":"CS2026080000001158","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-410","channel":"wechat","received_at":"2026/8/5 10:44","first_response_at":"2026/8/5 10:54","resolved_at":"2026/8/5 18:02"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	1563	CS2026080000001558	missing_value:store_id	{"consultation_id":"CS2026080000001558","store_id":null,"agent_id":"0010003","customer_id":"CUS001-247","channel":"wechat","received_at":"2026/8/3 15:33","first_response_at":"2026/8/3 15:56","resolved_at":"2026/8/3 20:33"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	1910	CS2026080000001905	invalid_value:received_at	{"consultation_id":"CS2026080000001905","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-166","channel":"walk_in","received_at":"2026-13-45 25:61","first_response_at":"2026/8/17 17:38","resolved_at":"2026/8/18 20:25"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	1953	CS2026080000001948	duplicate_conflict	{"consultation_id":"CS2026080000001948","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-454","channel":"online","received_at":"2026/8/25 19:43","first_response_at":"2026/8/25 19:45","resolved_at":"2026/8/26 0:16"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	1954	CS2026080000001948	duplicate_conflict	{"consultation_id":"CS2026080000001948","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-454","channel":"online","received_at":"2026/8/25 19:43","first_response_at":"2026/8/25 19:45","resolved_at":"2026/8/26 0:16"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	1978	CS2026080000001972	time_order	{"consultation_id":"CS2026080000001972","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-695","channel":"phone","received_at":"2026-08-01 08:00:00","first_response_at":"2026-08-01 00:00:00","resolved_at":"2026/8/3 21:34"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	2086	CS2026080000002080	unknown_agent	{"consultation_id":"CS2026080000002080","store_id":"S001","agent_id":"99999","customer_id":"CUS001-369","channel":"walk_in","received_at":"2026/8/17 12:30","first_response_at":"2026/8/17 12:34","resolved_at":"2026/8/18 10:02"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	2312	CS2026080000002306	agent_not_active	{"consultation_id":"CS2026080000002306","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-268","channel":"online","received_at":"2026/8/6 16:09","first_response_at":"2026/8/6 16:17","resolved_at":"2026/8/8 5:31"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	2504	CS2026080000002497	missing_value:store_id	{"consultation_id":"CS2026080000002497","store_id":null,"agent_id":"0010003","customer_id":"CUS001-82","channel":"wechat","received_at":"2026/8/14 18:07","first_response_at":"2026/8/14 18:14","resolved_at":"2026/8/14 21:28"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	2537	CS2026080000002530	invalid_value:received_at	{"consultation_id":"CS2026080000002530","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-131","channel":"online","received_at":"2026-13-45 25:61","first_response_at":"2026/8/17 8:50","resolved_at":"2026/8/17 15:29"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	2539	CS2026080000002532	duplicate_conflict	{"consultation_id":"CS2026080000002532","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-691","channel":"wechat","received_at":"2026/8/6 11:33","first_response_at":"2026/8/6 11:35","resolved_at":"2026/8/6 15:24"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	2540	CS2026080000002532	duplicate_conflict	{"consultation_id":"CS2026080000002532","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-691","channel":"wechat","received_at":"2026/8/6 11:33","first_response_at":"2026/8/6 11:35","resolved_at":"2026/8/6 15:24"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	2564	CS2026080000002556	time_order	{"consultation_id":"CS2026080000002556","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-231","channel":"other","received_at":"2026-08-01 08:00:00","first_response_at":"2026-08-01 00:00:00","resolved_at":"2026/8/15 15:37"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	2581	CS2026080000002573	unknown_agent	{"consultation_id":"CS2026080000002573","store_id":"S001","agent_id":"99999","customer_id":"CUS001-184","channel":"online","received_at":"2026/8/14 17:50","first_response_at":"2026/8/14 18:01","resolved_at":"2026/8/14 20:19"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	appeals	appeals.csv	3	AP2026089998	missing_value:reason	{"appeal_id":"AP2026089998","agent_id":"0010002","month":"2026-08","feedback_on":"2026-09-03","filed_on":"2026-09-06","kind":"void_record","record_type":"complaint","record_id":"CP2026080000000000","score_delta":null,"reason":null,"status":"rejected","decided_by":"客服经理","decided_on":"2026-09-08"}
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	appeals	appeals.csv	4	AP2026089999	invalid_value:kind	{"appeal_id":"AP2026089999","agent_id":"0010002","month":"2026-08","feedback_on":"2026-09-03","filed_on":"2026-09-04","kind":"bonus","record_type":null,"record_id":null,"score_delta":"3.25","reason":"主管复核加分","status":"approved","decided_by":"客服经理","decided_on":"2026-09-08"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	receptions	receptions.csv	221	RC2026090000000220	missing_value:store_id	{"reception_id":"RC2026090000000220","store_id":null,"agent_id":"0010002","customer_id":"CUS001-769","received_at":"2026-09-04 08:02:15"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	receptions	receptions.csv	290	RC2026090000000289	invalid_value:received_at	{"reception_id":"RC2026090000000289","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-86","received_at":"2026-13-45 25:61"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	receptions	receptions.csv	378	RC2026090000000377	duplicate_conflict	{"reception_id":"RC2026090000000377","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-645","received_at":"2026-09-05 12:09:37"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	receptions	receptions.csv	379	RC2026090000000377	duplicate_conflict	{"reception_id":"RC2026090000000377","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-645","received_at":"2026-09-05 12:09:37"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	receptions	receptions.csv	431	RC2026090000000429	unknown_agent	{"reception_id":"RC2026090000000429","store_id":"S001","agent_id":"99999","customer_id":"CUS001-285","received_at":"2026-09-05 17:17:16"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	receptions	receptions.csv	595	RC2026090000000593	agent_not_active	{"reception_id":"RC2026090000000593","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-224","received_at":"2026-09-03 11:09:57"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	receptions	receptions.csv	653	RC2026090000000650	missing_value:received_at	{"reception_id":"RC2026090000000650","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-581","received_at":null}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	receptions	receptions.csv	695	RC2026090000000692	invalid_value:received_at	{"reception_id":"RC2026090000000692","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-534","received_at":"2026-13-45 25:61"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	receptions	receptions.csv	707	RC2026090000000704	duplicate_conflict	{"reception_id":"RC2026090000000704","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-524","received_at":"2026-09-04 18:59:20"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	receptions	receptions.csv	708	RC2026090000000704	duplicate_conflict	{"reception_id":"RC2026090000000704","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-524","received_at":"2026-09-04 18:59:20"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	receptions	receptions.csv	820	RC2026090000000816	unknown_agent	{"reception_id":"RC2026090000000816","store_id":"S001","agent_id":"99999","customer_id":"CUS001-450","received_at":"2026-09-08 08:20:04"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	receptions	receptions.csv	977	RC2026090000000973	agent_not_active	{"reception_id":"RC2026090000000973","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-455","received_at":"2026-09-07 08:46:24"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	surveys	surveys.csv	9	SV2026090000000008	missing_value:store_id	{"survey_id":"SV2026090000000008","store_id":null,"agent_id":"0010002","customer_id":"CUS001-566","surveyed_at":"2026-09-23 16:40:11","rating":"一般"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	surveys	surveys.csv	88	SV2026090000000087	invalid_value:rating	{"survey_id":"SV2026090000000087","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-96","surveyed_at":"2026-09-28 15:11:13","rating":"很好"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	123	CS2026090000000122	missing_value:store_id	{"consultation_id":"CS2026090000000122","store_id":null,"agent_id":"0010002","customer_id":"CUS001-540","channel":"微信","received_at":"2026-09-18 15:38:54","first_response_at":"2026-09-18 15:42:56","resolved_at":"2026-09-18 19:49:44"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	175	CS2026090000000174	invalid_value:received_at	{"consultation_id":"CS2026090000000174","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-746","channel":"微信","received_at":"2026-13-45 25:61","first_response_at":"2026-09-24 09:15:14","resolved_at":"2026-09-24 11:08:16"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	229	CS2026090000000228	duplicate_conflict	{"consultation_id":"CS2026090000000228","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-685","channel":"微信","received_at":"2026-09-27 15:38:44","first_response_at":"2026-09-27 15:39:44","resolved_at":"2026-09-27 18:52:54"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	230	CS2026090000000228	duplicate_conflict	{"consultation_id":"CS2026090000000228","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-685","channel":"微信","received_at":"2026-09-27 15:38:44","first_response_at":"2026-09-27 15:39:44","resolved_at":"2026-09-27 18:52:54"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	348	CS2026090000000346	time_order	{"consultation_id":"CS2026090000000346","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-737","channel":"电话","received_at":"2026-09-01 08:00:00","first_response_at":"2026-09-01 00:00:00","resolved_at":"2026-09-27 17:50:41"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	507	CS2026090000000505	unknown_agent	{"consultation_id":"CS2026090000000505","store_id":"S001","agent_id":"99999","customer_id":"CUS001-778","channel":"电话","received_at":"2026-09-22 08:50:05","first_response_at":"2026-09-22 08:52:41","resolved_at":"2026-09-22 17:09:50"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	637	CS2026090000000635	agent_not_active	{"consultation_id":"CS2026090000000635","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-219","channel":"微信","received_at":"2026-09-14 11:37:34","first_response_at":"2026-09-14 11:38:42","resolved_at":"2026-09-14 14:11:59"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	883	CS2026090000000880	missing_value:store_id	{"consultation_id":"CS2026090000000880","store_id":null,"agent_id":"0010002","customer_id":"CUS001-658","channel":"电话","received_at":"2026-09-17 11:18:30","first_response_at":"2026-09-17 11:19:04","resolved_at":"2026-09-17 14:13:25"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	884	CS2026090000000881	invalid_value:received_at	{"consultation_id":"CS2026090000000881","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-530","channel":"在线","received_at":"2026-13-45 25:61","first_response_at":"2026-09-30 18:46:36","resolved_at":"2026-10-01 08:42:10"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	944	CS2026090000000941	duplicate_conflict	{"consultation_id":"CS2026090000000941","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-603","channel":"电话","received_at":"2026-09-10 08:43:10","first_response_at":"2026-09-10 08:49:27","resolved_at":"2026-09-10 10:58:15"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	945	CS2026090000000941	duplicate_conflict	{"consultation_id":"CS2026090000000941","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-603","channel":"电话","received_at":"2026-09-10 08:43:10","first_response_at":"2026-09-10 08:49:27","resolved_at":"2026-09-10 10:58:15"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	1003	CS2026090000000999	time_order	{"consultation_id":"CS2026090000000999","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-455","channel":"电话","received_at":"2026-09-01 08:00:00","first_response_at":"2026-09-01 00:00:00","resolved_at":"2026-09-13 02:30:15"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	1132	CS2026090000001128	unknown_agent	{"consultation_id":"CS2026090000001128","store_id":"S001","agent_id":"99999","customer_id":"CUS001-272","channel":"微信","received_at":"2026-09-03 12:25:27","first_response_at":"2026-09-03 12:31:39","resolved_at":"2026-09-03 14:16:15"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	1414	CS2026090000001410	agent_not_active	{"consultation_id":"CS2026090000001410","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-188","channel":"在线","received_at":"2026-09-25 18:40:28","first_response_at":"2026-09-25 18:44:48","resolved_at":"2026-09-25 22:29:29"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	1755	CS2026090000001750	missing_value:store_id	{"consultation_id":"CS2026090000001750","store_id":null,"agent_id":"0010003","customer_id":"CUS001-734","channel":"在线","received_at":"2026-09-22 17:35:54","first_response_at":"2026-09-22 17:38:21","resolved_at":"2026-09-23 15:15:12"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	1884	CS2026090000001879	invalid_value:received_at	{"consultation_id":"CS2026090000001879","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-195","channel":"微信","received_at":"2026-13-45 25:61","first_response_at":"2026-09-16 13:45:25","resolved_at":"2026-09-17 08:59:14"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	2110	CS2026090000002105	duplicate_conflict	{"consultation_id":"CS2026090000002105","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-232","channel":"电话","received_at":"2026-09-03 13:22:55","first_response_at":"2026-09-03 13:25:41","resolved_at":"2026-09-03 23:01:34"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	2111	CS2026090000002105	duplicate_conflict	{"consultation_id":"CS2026090000002105","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-232","channel":"电话","received_at":"2026-09-03 13:22:55","first_response_at":"2026-09-03 13:25:41","resolved_at":"2026-09-03 23:01:34"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	2130	CS2026090000002124	time_order	{"consultation_id":"CS2026090000002124","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-538","channel":"微信","received_at":"2026-09-01 08:00:00","first_response_at":"2026-09-01 00:00:00","resolved_at":"2026-09-02 17:00:32"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	2145	CS2026090000002139	unknown_agent	{"consultation_id":"CS2026090000002139","store_id":"S001","agent_id":"99999","customer_id":"CUS001-784","channel":"微信","received_at":"2026-09-09 19:44:16","first_response_at":"2026-09-09 19:46:41","resolved_at":"2026-09-10 04:12:00"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	2176	CS2026090000002170	agent_not_active	{"consultation_id":"CS2026090000002170","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-221","channel":"微信","received_at":"2026-09-08 10:09:49","first_response_at":"2026-09-08 10:11:28","resolved_at":"2026-09-08 13:22:03"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	2340	CS2026090000002333	missing_value:store_id	{"consultation_id":"CS2026090000002333","store_id":null,"agent_id":"0010003","customer_id":"CUS001-274","channel":"在线","received_at":"2026-09-15 11:23:25","first_response_at":"2026-09-15 11:24:03","resolved_at":"2026-09-15 19:08:05"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	2429	CS2026090000002422	invalid_value:received_at	{"consultation_id":"CS2026090000002422","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-282","channel":"电话","received_at":"2026-13-45 25:61","first_response_at":"2026-09-17 13:59:58","resolved_at":"2026-09-18 06:47:24"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	2459	CS2026090000002452	duplicate_conflict	{"consultation_id":"CS2026090000002452","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-42","channel":"电话","received_at":"2026-09-09 17:26:56","first_response_at":"2026-09-09 17:27:58","resolved_at":"2026-09-09 20:09:23"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	2460	CS2026090000002452	duplicate_conflict	{"consultation_id":"CS2026090000002452","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-42","channel":"电话","received_at":"2026-09-09 17:26:56","first_response_at":"2026-09-09 17:27:58","resolved_at":"2026-09-09 20:09:23"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	2644	CS2026090000002636	time_order	{"consultation_id":"CS2026090000002636","store_id":"S001","agent_id":"0010003","customer_id":null,"channel":"到店","received_at":"2026-09-01 08:00:00","first_response_at":"2026-09-01 00:00:00","resolved_at":"2026-09-04 02:39:23"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	2673	CS2026090000002665	unknown_agent	{"consultation_id":"CS2026090000002665","store_id":"S001","agent_id":"99999","customer_id":"CUS001-770","channel":"电话","received_at":"2026-09-28 16:34:20","first_response_at":"2026-09-28 16:35:56","resolved_at":"2026-09-28 19:29:06"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	appeals	appeals.csv	3	AP2026099998	missing_value:reason	{"appeal_id":"AP2026099998","agent_id":"0010002","month":"2026-09","feedback_on":"2026-10-03","filed_on":"2026-10-06","kind":"void_record","record_type":"reception","record_id":"RC2026090000000000","score_delta":null,"reason":null,"status":"rejected","decided_by":"客服经理","decided_on":"2026-10-08"}
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	appeals	appeals.csv	4	AP2026099999	invalid_value:kind	{"appeal_id":"AP2026099999","agent_id":"0010002","month":"2026-09","feedback_on":"2026-10-03","filed_on":"2026-10-04","kind":"bonus","record_type":null,"record_id":null,"score_delta":"5","reason":"主管复核加分","status":"rejected","decided_by":"客服经理","decided_on":"2026-10-08"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	receptions	receptions.csv	61	RC2026080000000060	missing_value:store_id	{"reception_id":"RC2026080000000060","store_id":null,"agent_id":"0010002","customer_id":"CUS001-32","received_at":"2026/8/12 18:08"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	receptions	receptions.csv	121	RC2026080000000120	invalid_value:received_at	{"reception_id":"RC2026080000000120","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-372","received_at":"2026-13-45 25:61"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	receptions	receptions.csv	449	RC2026080000000448	duplicate_conflict	{"reception_id":"RC2026080000000448","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-542","received_at":"2026/8/3 18:00"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	receptions	receptions.csv	450	RC2026080000000448	duplicate_conflict	{"reception_id":"RC2026080000000448","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-542","received_at":"2026/8/3 18:00"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	receptions	receptions.csv	455	RC2026080000000453	unknown_agent	{"reception_id":"RC2026080000000453","store_id":"S001","agent_id":"99999","customer_id":"CUS001-587","received_at":"2026/8/23 9:22"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	receptions	receptions.csv	621	RC2026080000000619	agent_not_active	{"reception_id":"RC2026080000000619","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-794","received_at":"2026/8/30 14:41"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	receptions	receptions.csv	931	RC2026080000000928	missing_value:received_at	{"reception_id":"RC2026080000000928","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-323","received_at":null}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	receptions	receptions.csv	984	RC2026080000000981	invalid_value:received_at	{"reception_id":"RC2026080000000981","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-148","received_at":"2026-13-45 25:61"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	receptions	receptions.csv	1058	RC2026080000001055	duplicate_conflict	{"reception_id":"RC2026080000001055","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-530","received_at":"2026/8/4 13:35"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	receptions	receptions.csv	1059	RC2026080000001055	duplicate_conflict	{"reception_id":"RC2026080000001055","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-530","received_at":"2026/8/4 13:35"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	receptions	receptions.csv	1118	RC2026080000001114	unknown_agent	{"reception_id":"RC2026080000001114","store_id":"S001","agent_id":"99999","customer_id":"CUS001-95","received_at":"2026/8/1 14:45"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	receptions	receptions.csv	1214	RC2026080000001210	agent_not_active	{"reception_id":"RC2026080000001210","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-518","received_at":"2026/8/29 9:08"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	surveys	surveys.xlsx	75	SV2026080000000074	missing_value:store_id	{"survey_id":"SV2026080000000074","store_id":null,"agent_id":"0010002","customer_id":"CUS001-253","surveyed_at":"2026-08-03 18:32:00","rating":"滿意"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	surveys	surveys.xlsx	252	SV2026080000000251	invalid_value:rating	{"survey_id":"SV2026080000000251","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-768","surveyed_at":"2026-08-06 19:01:00","rating":"很好"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	surveys	surveys.xlsx	261	SV2026080000000260	duplicate_conflict	{"survey_id":"SV2026080000000260","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-137","surveyed_at":"2026-08-18 09:10:00","rating":"滿意"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	surveys	surveys.xlsx	262	SV2026080000000260	duplicate_conflict	{"survey_id":"SV2026080000000260","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-137","surveyed_at":"2026-08-18 09:10:00","rating":"滿意"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	164	CS2026080000000163	missing_value:store_id	{"consultation_id":"CS2026080000000163","store_id":null,"agent_id":"0010002","customer_id":"CUS001-162","channel":"phone","received_at":"2026/8/3 9:13","first_response_at":"2026/8/3 9:21","resolved_at":"2026/8/4 4:47"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	200	CS2026080000000199	invalid_value:received_at	{"consultation_id":"CS2026080000000199","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-259","channel":"wechat","received_at":"2026-13-45 25:61","first_response_at":"2026/8/4 20:02","resolved_at":"2026/8/4 22:01"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	218	CS2026080000000217	duplicate_conflict	{"consultation_id":"CS2026080000000217","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-229","channel":"phone","received_at":"2026/8/13 13:06","first_response_at":"2026/8/13 13:08","resolved_at":"2026/8/13 18:54"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	219	CS2026080000000217	duplicate_conflict	{"consultation_id":"CS2026080000000217","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-229","channel":"phone","received_at":"2026/8/13 13:06","first_response_at":"2026/8/13 13:08","resolved_at":"2026/8/13 18:54"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	258	CS2026080000000256	time_order	{"consultation_id":"CS2026080000000256","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-134","channel":"online","received_at":"2026-08-01 08:00:00","first_response_at":"2026-08-01 00:00:00","resolved_at":"2026/8/28 15:11"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	279	CS2026080000000277	unknown_agent	{"consultation_id":"CS2026080000000277","store_id":"S001","agent_id":"99999","customer_id":"CUS001-450","channel":"walk_in","received_at":"2026/8/29 13:46","first_response_at":"2026/8/29 13:47","resolved_at":"2026/8/30 0:58"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	578	CS2026080000000576	agent_not_active	{"consultation_id":"CS2026080000000576","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-316","channel":"phone","received_at":"2026/8/26 15:46","first_response_at":"2026/8/26 15:55","resolved_at":"2026/8/27 3:34"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	826	CS2026080000000823	missing_value:store_id	{"consultation_id":"CS2026080000000823","store_id":null,"agent_id":"0010002","customer_id":"CUS001-95","channel":"wechat","received_at":"2026/8/7 14:52","first_response_at":"2026/8/7 14:54","resolved_at":"2026/8/7 16:49"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	977	CS2026080000000974	invalid_value:received_at	{"consultation_id":"CS2026080000000974","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-725","channel":"walk_in","received_at":"2026-13-45 25:61","first_response_at":"2026/8/28 12:57","resolved_at":"2026/8/28 14:36"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	1008	CS2026080000001005	duplicate_conflict	{"consultation_id":"CS2026080000001005","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-744","channel":"phone","received_at":"2026/8/1 11:59","first_response_at":"2026/8/1 12:01","resolved_at":"2026/8/1 16:08"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	1009	CS2026080000001005	duplicate_conflict	{"consultation_id":"CS2026080000001005","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-744","channel":"phone","received_at":"2026/8/1 11:59","first_response_at":"2026/8/1 12:01","resolved_at":"2026/8/1 16:08"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	receptions	receptions.xlsx	337	RC2026100000000335	unknown_agent	{"reception_id":"RC2026100000000335","store_id":"S001","agent_id":"99999","customer_id":"CUS001-508","received_at":"2026-10-10 10:26:34"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	1087	CS2026080000001083	time_order	{"consultation_id":"CS2026080000001083","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-229","channel":"wechat","received_at":"2026-08-01 08:00:00","first_response_at":"2026-08-01 00:00:00","resolved_at":"2026/8/21 11:01"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	1101	CS2026080000001097	unknown_agent	{"consultation_id":"CS2026080000001097","store_id":"S001","agent_id":"99999","customer_id":"CUS001-102","channel":"phone","received_at":"2026/8/9 12:27","first_response_at":"2026/8/9 12:35","resolved_at":"2026/8/9 14:22"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	1162	CS2026080000001158	agent_not_active	{"consultation_id":"CS2026080000001158","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-410","channel":"wechat","received_at":"2026/8/5 10:44","first_response_at":"2026/8/5 10:54","resolved_at":"2026/8/5 18:02"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	1563	CS2026080000001558	missing_value:store_id	{"consultation_id":"CS2026080000001558","store_id":null,"agent_id":"0010003","customer_id":"CUS001-247","channel":"wechat","received_at":"2026/8/3 15:33","first_response_at":"2026/8/3 15:56","resolved_at":"2026/8/3 20:33"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	1910	CS2026080000001905	invalid_value:received_at	{"consultation_id":"CS2026080000001905","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-166","channel":"walk_in","received_at":"2026-13-45 25:61","first_response_at":"2026/8/17 17:38","resolved_at":"2026/8/18 20:25"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	1953	CS2026080000001948	duplicate_conflict	{"consultation_id":"CS2026080000001948","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-454","channel":"online","received_at":"2026/8/25 19:43","first_response_at":"2026/8/25 19:45","resolved_at":"2026/8/26 0:16"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	1954	CS2026080000001948	duplicate_conflict	{"consultation_id":"CS2026080000001948","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-454","channel":"online","received_at":"2026/8/25 19:43","first_response_at":"2026/8/25 19:45","resolved_at":"2026/8/26 0:16"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	1978	CS2026080000001972	time_order	{"consultation_id":"CS2026080000001972","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-695","channel":"phone","received_at":"2026-08-01 08:00:00","first_response_at":"2026-08-01 00:00:00","resolved_at":"2026/8/3 21:34"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	2086	CS2026080000002080	unknown_agent	{"consultation_id":"CS2026080000002080","store_id":"S001","agent_id":"99999","customer_id":"CUS001-369","channel":"walk_in","received_at":"2026/8/17 12:30","first_response_at":"2026/8/17 12:34","resolved_at":"2026/8/18 10:02"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	2312	CS2026080000002306	agent_not_active	{"consultation_id":"CS2026080000002306","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-268","channel":"online","received_at":"2026/8/6 16:09","first_response_at":"2026/8/6 16:17","resolved_at":"2026/8/8 5:31"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	2504	CS2026080000002497	missing_value:store_id	{"consultation_id":"CS2026080000002497","store_id":null,"agent_id":"0010003","customer_id":"CUS001-82","channel":"wechat","received_at":"2026/8/14 18:07","first_response_at":"2026/8/14 18:14","resolved_at":"2026/8/14 21:28"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	2537	CS2026080000002530	invalid_value:received_at	{"consultation_id":"CS2026080000002530","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-131","channel":"online","received_at":"2026-13-45 25:61","first_response_at":"2026/8/17 8:50","resolved_at":"2026/8/17 15:29"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	2539	CS2026080000002532	duplicate_conflict	{"consultation_id":"CS2026080000002532","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-691","channel":"wechat","received_at":"2026/8/6 11:33","first_response_at":"2026/8/6 11:35","resolved_at":"2026/8/6 15:24"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	2540	CS2026080000002532	duplicate_conflict	{"consultation_id":"CS2026080000002532","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-691","channel":"wechat","received_at":"2026/8/6 11:33","first_response_at":"2026/8/6 11:35","resolved_at":"2026/8/6 15:24"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	2564	CS2026080000002556	time_order	{"consultation_id":"CS2026080000002556","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-231","channel":"other","received_at":"2026-08-01 08:00:00","first_response_at":"2026-08-01 00:00:00","resolved_at":"2026/8/15 15:37"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	2581	CS2026080000002573	unknown_agent	{"consultation_id":"CS2026080000002573","store_id":"S001","agent_id":"99999","customer_id":"CUS001-184","channel":"online","received_at":"2026/8/14 17:50","first_response_at":"2026/8/14 18:01","resolved_at":"2026/8/14 20:19"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	appeals	appeals.csv	3	AP2026089998	missing_value:reason	{"appeal_id":"AP2026089998","agent_id":"0010002","month":"2026-08","feedback_on":"2026-09-03","filed_on":"2026-09-06","kind":"void_record","record_type":"complaint","record_id":"CP2026080000000000","score_delta":null,"reason":null,"status":"rejected","decided_by":"客服经理","decided_on":"2026-09-08"}
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	appeals	appeals.csv	4	AP2026089999	invalid_value:kind	{"appeal_id":"AP2026089999","agent_id":"0010002","month":"2026-08","feedback_on":"2026-09-03","filed_on":"2026-09-04","kind":"bonus","record_type":null,"record_id":null,"score_delta":"3.25","reason":"主管复核加分","status":"approved","decided_by":"客服经理","decided_on":"2026-09-08"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	receptions	receptions.xlsx	42	RC2026100000000041	missing_value:store_id	{"reception_id":"RC2026100000000041","store_id":null,"agent_id":"0010002","customer_id":"CUS001-205","received_at":"2026-10-12 19:29:11"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	receptions	receptions.xlsx	53	RC2026100000000052	invalid_value:received_at	{"reception_id":"RC2026100000000052","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-798","received_at":"2026-13-45 25:61"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	receptions	receptions.xlsx	204	RC2026100000000203	duplicate_conflict	{"reception_id":"RC2026100000000203","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-158","received_at":"2026-10-28 13:00:51"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	receptions	receptions.xlsx	205	RC2026100000000203	duplicate_conflict	{"reception_id":"RC2026100000000203","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-158","received_at":"2026-10-28 13:00:51"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	receptions	receptions.xlsx	749	RC2026100000000747	agent_not_active	{"reception_id":"RC2026100000000747","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-384","received_at":"2026-10-01 18:58:18"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	receptions	receptions.xlsx	1044	RC2026100000001041	missing_value:received_at	{"reception_id":"RC2026100000001041","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-558","received_at":null}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	receptions	receptions.xlsx	1124	RC2026100000001121	invalid_value:received_at	{"reception_id":"RC2026100000001121","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-553","received_at":"2026-13-45 25:61"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	receptions	receptions.xlsx	1200	RC2026100000001197	duplicate_conflict	{"reception_id":"RC2026100000001197","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-527","received_at":"2026-10-13 08:47:43"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	receptions	receptions.xlsx	1201	RC2026100000001197	duplicate_conflict	{"reception_id":"RC2026100000001197","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-527","received_at":"2026-10-13 08:47:43"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	receptions	receptions.xlsx	1259	RC2026100000001255	unknown_agent	{"reception_id":"RC2026100000001255","store_id":"S001","agent_id":"99999","customer_id":"CUS001-300","received_at":"2026-10-23 18:22:00"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	receptions	receptions.xlsx	1313	RC2026100000001309	agent_not_active	{"reception_id":"RC2026100000001309","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-170","received_at":"2026-10-27 08:32:29"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	surveys	surveys.csv	96	SV2026100000000095	missing_value:store_id	{"survey_id":"SV2026100000000095","store_id":null,"agent_id":"0010002","customer_id":"CUS001-360","surveyed_at":"2026/10/27 17:52","rating":"4"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	surveys	surveys.csv	135	SV2026100000000134	invalid_value:rating	{"survey_id":"SV2026100000000134","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-190","surveyed_at":"2026/10/12 18:20","rating":"很好"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	170	CS2026100000000169	missing_value:store_id	{"consultation_id":"CS2026100000000169","store_id":null,"agent_id":"0010002","customer_id":null,"channel":"到店","received_at":"2026-10-04 15:16:58","first_response_at":"2026-10-04 15:21:34","resolved_at":"2026-10-04 22:19:12"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	176	CS2026100000000175	invalid_value:received_at	{"consultation_id":"CS2026100000000175","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-128","channel":"电话","received_at":"2026-13-45 25:61","first_response_at":"2026-10-09 18:56:04","resolved_at":"2026-10-09 21:33:36"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	202	CS2026100000000201	duplicate_conflict	{"consultation_id":"CS2026100000000201","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-678","channel":"电话","received_at":"2026-10-03 13:05:46","first_response_at":"2026-10-03 13:10:05","resolved_at":null}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	203	CS2026100000000201	duplicate_conflict	{"consultation_id":"CS2026100000000201","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-678","channel":"电话","received_at":"2026-10-03 13:05:46","first_response_at":"2026-10-03 13:10:05","resolved_at":null}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	805	CS2026100000000803	time_order	{"consultation_id":"CS2026100000000803","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-486","channel":"电话","received_at":"2026-10-01 08:00:00","first_response_at":"2026-10-01 00:00:00","resolved_at":"2026-10-16 15:27:00"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	817	CS2026100000000815	unknown_agent	{"consultation_id":"CS2026100000000815","store_id":"S001","agent_id":"99999","customer_id":"CUS001-269","channel":"电话","received_at":"2026-10-27 16:03:41","first_response_at":"2026-10-27 16:05:52","resolved_at":"2026-10-27 21:25:28"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	885	CS2026100000000883	agent_not_active	{"consultation_id":"CS2026100000000883","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-489","channel":"电话","received_at":"2026-10-26 08:27:43","first_response_at":"2026-10-26 08:32:49","resolved_at":"2026-10-26 12:03:13"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	1170	CS2026100000001167	missing_value:store_id	{"consultation_id":"CS2026100000001167","store_id":null,"agent_id":"0010002","customer_id":"CUS001-663","channel":"电话","received_at":"2026-10-22 08:35:49","first_response_at":"2026-10-22 08:38:44","resolved_at":"2026-10-22 14:24:44"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	1305	CS2026100000001302	invalid_value:received_at	{"consultation_id":"CS2026100000001302","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-300","channel":"在线","received_at":"2026-13-45 25:61","first_response_at":"2026-10-13 10:59:00","resolved_at":"2026-10-13 12:00:21"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	1520	CS2026100000001517	duplicate_conflict	{"consultation_id":"CS2026100000001517","store_id":"S001","agent_id":"0010003","customer_id":null,"channel":"电话","received_at":"2026-10-05 15:11:56","first_response_at":"2026-10-05 15:15:20","resolved_at":"2026-10-05 19:04:42"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	1521	CS2026100000001517	duplicate_conflict	{"consultation_id":"CS2026100000001517","store_id":"S001X","agent_id":"0010003","customer_id":null,"channel":"电话","received_at":"2026-10-05 15:11:56","first_response_at":"2026-10-05 15:15:20","resolved_at":"2026-10-05 19:04:42"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	1550	CS2026100000001546	time_order	{"consultation_id":"CS2026100000001546","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-364","channel":"电话","received_at":"2026-10-01 08:00:00","first_response_at":"2026-10-01 00:00:00","resolved_at":"2026-10-11 15:31:07"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	1658	CS2026100000001654	unknown_agent	{"consultation_id":"CS2026100000001654","store_id":"S001","agent_id":"99999","customer_id":"CUS001-331","channel":"微信","received_at":"2026-10-16 14:19:45","first_response_at":"2026-10-16 14:26:52","resolved_at":"2026-10-16 19:02:35"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	1697	CS2026100000001693	agent_not_active	{"consultation_id":"CS2026100000001693","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-117","channel":"电话","received_at":"2026-10-18 10:08:11","first_response_at":"2026-10-18 10:13:57","resolved_at":"2026-10-18 18:16:53"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	1964	CS2026100000001959	missing_value:store_id	{"consultation_id":"CS2026100000001959","store_id":null,"agent_id":"0010003","customer_id":"CUS001-431","channel":"微信","received_at":"2026-10-01 16:15:27","first_response_at":"2026-10-01 16:24:05","resolved_at":"2026-10-01 21:30:36"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	2107	CS2026100000002102	invalid_value:received_at	{"consultation_id":"CS2026100000002102","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-759","channel":"微信","received_at":"2026-13-45 25:61","first_response_at":"2026-10-05 13:57:22","resolved_at":"2026-10-05 15:26:06"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	2146	CS2026100000002141	duplicate_conflict	{"consultation_id":"CS2026100000002141","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-745","channel":"电话","received_at":"2026-10-20 09:43:17","first_response_at":"2026-10-20 09:47:17","resolved_at":"2026-10-20 12:03:06"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	2147	CS2026100000002141	duplicate_conflict	{"consultation_id":"CS2026100000002141","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-745","channel":"电话","received_at":"2026-10-20 09:43:17","first_response_at":"2026-10-20 09:47:17","resolved_at":"2026-10-20 12:03:06"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	2173	CS2026100000002167	time_order	{"consultation_id":"CS2026100000002167","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-354","channel":"微信","received_at":"2026-10-01 08:00:00","first_response_at":"2026-10-01 00:00:00","resolved_at":"2026-10-05 01:31:40"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	2196	CS2026100000002190	unknown_agent	{"consultation_id":"CS2026100000002190","store_id":"S001","agent_id":"99999","customer_id":"CUS001-27","channel":"微信","received_at":"2026-10-18 12:39:29","first_response_at":"2026-10-18 12:48:17","resolved_at":"2026-10-19 02:53:54"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	2301	CS2026100000002295	agent_not_active	{"consultation_id":"CS2026100000002295","store_id":"S001","agent_id":"0010001","customer_id":null,"channel":"电话","received_at":"2026-10-17 09:27:54","first_response_at":"2026-10-17 09:29:23","resolved_at":"2026-10-17 14:00:02"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	2563	CS2026100000002556	missing_value:store_id	{"consultation_id":"CS2026100000002556","store_id":null,"agent_id":"0010003","customer_id":"CUS001-568","channel":"电话","received_at":"2026-10-07 17:48:57","first_response_at":"2026-10-07 17:56:37","resolved_at":"2026-10-07 22:49:24"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	2661	CS2026100000002654	invalid_value:received_at	{"consultation_id":"CS2026100000002654","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-46","channel":"电话","received_at":"2026-13-45 25:61","first_response_at":"2026-10-20 16:12:08","resolved_at":"2026-10-20 16:57:29"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	2688	CS2026100000002681	duplicate_conflict	{"consultation_id":"CS2026100000002681","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-647","channel":"电话","received_at":"2026-10-12 17:20:38","first_response_at":"2026-10-12 17:33:26","resolved_at":"2026-10-13 00:59:26"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	2689	CS2026100000002681	duplicate_conflict	{"consultation_id":"CS2026100000002681","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-647","channel":"电话","received_at":"2026-10-12 17:20:38","first_response_at":"2026-10-12 17:33:26","resolved_at":"2026-10-13 00:59:26"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	2753	CS2026100000002745	time_order	{"consultation_id":"CS2026100000002745","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-435","channel":"电话","received_at":"2026-10-01 08:00:00","first_response_at":"2026-10-01 00:00:00","resolved_at":"2026-10-20 12:41:08"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	2933	CS2026100000002925	unknown_agent	{"consultation_id":"CS2026100000002925","store_id":"S001","agent_id":"99999","customer_id":"CUS001-390","channel":"微信","received_at":"2026-10-11 10:06:41","first_response_at":"2026-10-11 10:13:49","resolved_at":"2026-10-11 16:42:19"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	2997	CS2026100000002989	agent_not_active	{"consultation_id":"CS2026100000002989","store_id":"S001","agent_id":"0010001","customer_id":null,"channel":"在线","received_at":"2026-10-16 09:04:20","first_response_at":"2026-10-16 09:08:27","resolved_at":"2026-10-16 12:15:23"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	appeals	appeals.csv	3	AP2026109998	missing_value:reason	{"appeal_id":"AP2026109998","agent_id":"0010003","month":"2026-10","feedback_on":"2026-11-03","filed_on":"2026-11-04","kind":"void_record","record_type":"reception","record_id":"RC2026100000000743","score_delta":null,"reason":null,"status":"approved","decided_by":"客服经理","decided_on":"2026-11-08"}
7e9878731393457aa83fd097db7c4fb6	2026-10-01	appeals	appeals.csv	4	AP2026109999	invalid_value:kind	{"appeal_id":"AP2026109999","agent_id":"0010003","month":"2026-10","feedback_on":"2026-11-03","filed_on":"2026-11-15","kind":"bonus","record_type":null,"record_id":null,"score_delta":"-1.5","reason":"主管复核加分","status":"approved","decided_by":"客服经理","decided_on":"2026-11-08"}
\.


--
-- Data for Name: kpi_run; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_run (run_id, month_start, status, version, fingerprint, scheme_version, code_version, started_at, finished_at, error, warnings, allow_rejects, data_docs) FROM stdin;
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	published	1	0bc99bf2644dd9c44c86985de2db64cd0ad8184ab99df350ef2acc094c508a7b	default-2026	0.1.0	2026-12-04 11:27:33.781169+00	2026-12-04 11:27:36.846927+00	\N	\N	f	/tmp/kpi-fixtures-n58wclvg/outputs-l2/docs/2026-08/1a1bd2167c5f40ddb70e42b8402b6b5c/index.html
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	published	1	d4567a06fdac89b27a7673f1f6b37171e49ea7c9caba17d1138261aebb3840d6	default-2026	0.1.0	2026-12-04 11:27:36.856157+00	2026-12-04 11:27:38.504468+00	\N	\N	f	/tmp/kpi-fixtures-n58wclvg/outputs-l2/docs/2026-09/406189ed0002440692fc23ef6ba9d2f7/index.html
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	published	2	46df7b206e54c9cb26630c4e14c74644349083b52a5d2ac60eb900447870f76e	fixture-raise	0.1.0	2026-12-04 11:28:48.14209+00	2026-12-04 11:28:51.989067+00	\N	published later months are now stale (run them again or backfill from this month): 2026-09	f	/tmp/kpi-fixtures-n58wclvg/outputs-l2/docs/2026-08/7ade9c3304b540e3a4b14a73fd3b0e59/index.html
7e9878731393457aa83fd097db7c4fb6	2026-10-01	published	1	dfd94db0c12aabf0994567fcdf0226a6da6f4012ae4b0394a3707ad2ff0d15b2	default-2026	0.1.0	2026-12-04 11:29:36.27485+00	2026-12-04 11:29:39.939802+00	\N	\N	f	/tmp/kpi-fixtures-n58wclvg/outputs-l2/docs/2026-10/7e9878731393457aa83fd097db7c4fb6/index.html
\.


--
-- Data for Name: kpi_run_input; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_run_input (run_id, month_start, source, file_name, file_sha256, encoding, rows_read, rows_accepted, rows_rejected, rows_duplicate, rows_out_of_period) FROM stdin;
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	agents	agents.csv	79a132becd0b013eb71b586633ed487529adff621df8cda88cd210da06c5b8c2	utf-8-sig	4	3	0	1	0
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	receptions	receptions.csv	d7d4106dad7a491831024e010ebcc57a2cc86db50f66e55717232d23b61a4487	gb18030	1488	1472	12	2	2
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	surveys	surveys.xlsx	2466142732516b99cf40399e59fb8e42f73a9dd03ead50df9aadcfe8df8ad019	xlsx	315	311	4	0	0
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	complaints	complaints.xlsx	bfeadbd468bdceb477a371435fd5701f59989869cf43f85b31fe2b3a4c08efd6	xlsx	36	36	0	0	0
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	purchases	purchases.xlsx	34fdcf204253a01ed95417865f3001abba79377dc59766d906ba8eb93a851227	xlsx	48	48	0	0	0
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	consultations	consultations.csv	a544505cf597a676b79f1c65fd5a6c5568282eb509bfacb60eaee33adcbb332b	utf-8	2907	2874	27	3	3
1a1bd2167c5f40ddb70e42b8402b6b5c	2026-08-01	appeals	appeals.csv	120b6d1ec635085e23661a4b5ef218e6f899354bdfbbf3c87143e25291cd512f	utf-8	4	2	2	0	0
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	agents	agents.csv	27973d8b12dd367a4440157cff3ff531a2dae227c7c17d7166b4b6f2e25b2d18	utf-8	4	3	0	1	0
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	receptions	receptions.csv	f2392e219b2765aa548fed1d2577fa5f2ce489f1a3d5b8bb11ae384f926d417c	utf-8	1436	1420	12	2	2
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	surveys	surveys.csv	2c6d3aacac19901ffa3752987f62c551de7240ba1e0352a3c1681a7b72198be3	utf-8-sig	292	290	2	0	0
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	complaints	complaints.xlsx	40fdfd35070be6e2659b1645a7efff2eed882645e4196ea791c500cc9e3c4503	xlsx	32	32	0	0	0
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	purchases	purchases.xlsx	006f54ce80093c96dec30b5a345aadfff090e00ea3d65cd68d8d77306b14755d	xlsx	60	60	0	0	0
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	consultations	consultations.xlsx	a04b01e2d43b6b8c03cd625b42e9dba9dc66b9fb9518d6ebe55cb5c20d2628ce	xlsx	2987	2954	27	3	3
406189ed0002440692fc23ef6ba9d2f7	2026-09-01	appeals	appeals.csv	e09b53149e5ce52dd91c198d385c6cc781ecbcb9d7f2d5378535f676049c5e1c	utf-8	4	2	2	0	0
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	agents	agents.csv	79a132becd0b013eb71b586633ed487529adff621df8cda88cd210da06c5b8c2	utf-8-sig	4	3	0	1	0
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	receptions	receptions.csv	d7d4106dad7a491831024e010ebcc57a2cc86db50f66e55717232d23b61a4487	gb18030	1488	1472	12	2	2
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	surveys	surveys.xlsx	2466142732516b99cf40399e59fb8e42f73a9dd03ead50df9aadcfe8df8ad019	xlsx	315	311	4	0	0
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	complaints	complaints.xlsx	bfeadbd468bdceb477a371435fd5701f59989869cf43f85b31fe2b3a4c08efd6	xlsx	36	36	0	0	0
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	purchases	purchases.xlsx	34fdcf204253a01ed95417865f3001abba79377dc59766d906ba8eb93a851227	xlsx	48	48	0	0	0
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	consultations	consultations.csv	a544505cf597a676b79f1c65fd5a6c5568282eb509bfacb60eaee33adcbb332b	utf-8	2907	2874	27	3	3
7ade9c3304b540e3a4b14a73fd3b0e59	2026-08-01	appeals	appeals.csv	120b6d1ec635085e23661a4b5ef218e6f899354bdfbbf3c87143e25291cd512f	utf-8	4	2	2	0	0
7e9878731393457aa83fd097db7c4fb6	2026-10-01	agents	agents.xlsx	5d3af29c252cdc17dfed7219ee89ee77af69b61178fdfd583ee6fe43bcef4bab	xlsx	4	3	0	1	0
7e9878731393457aa83fd097db7c4fb6	2026-10-01	receptions	receptions.xlsx	079401635dca54a80da4e25558aca598a6e0826be2954a25851de81b6673c709	xlsx	1490	1474	12	2	2
7e9878731393457aa83fd097db7c4fb6	2026-10-01	surveys	surveys.csv	234214531b79275c3c2091ee9473bb6c3c16403e6e5246d7c3ac08f57360db25	utf-8-sig	254	252	2	0	0
7e9878731393457aa83fd097db7c4fb6	2026-10-01	complaints	complaints.csv	05a0cd6835a6e88b9fe727b203acf91c930d8b800a21ba373e733b87b6fc50a2	gb18030	29	29	0	0	0
7e9878731393457aa83fd097db7c4fb6	2026-10-01	purchases	purchases.xlsx	82f5e2006e397d1e0066e3e0797c76a59f130e6ac032f6e6018a762cf9fb322d	xlsx	48	48	0	0	0
7e9878731393457aa83fd097db7c4fb6	2026-10-01	consultations	consultations.xlsx	cead58022984d72ec42faccf1236274fb5b5a84335dc41218a97537c9fa7cf59	xlsx	3037	3003	28	3	3
7e9878731393457aa83fd097db7c4fb6	2026-10-01	appeals	appeals.csv	7d260d273e2f879642cb255e5e2730118232bed2621a943ab048085b882fc55d	utf-8	4	2	2	0	0
\.


--
-- Data for Name: kpi_team_monthly; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_team_monthly (month_start, store_id, team_id, version, is_current, run_id, scheme_version, agent_count, customers_received, survey_count, satisfaction_avg, satisfaction_pct, satisfied_share, complaint_count, complaint_rate, consultation_count, timely_count, is_team_reward, is_satisfaction_target_met, is_complaint_target_met, is_timeliness_target_met) FROM stdin;
2026-09-01	S001	T1	1	t	406189ed0002440692fc23ef6ba9d2f7	default-2026	1	474	144	3.923611111111111	0.7847222222222223	0.6805555555555556	16	0.03375527426160337	1477	1311	f	f	f	f
2026-09-01	S001	T2	1	t	406189ed0002440692fc23ef6ba9d2f7	default-2026	1	478	146	3.719178082191781	0.7438356164383562	0.6506849315068494	14	0.029288702928870293	1477	1279	f	f	f	f
2026-08-01	S001	T1	1	f	1a1bd2167c5f40ddb70e42b8402b6b5c	default-2026	1	489	156	4.006410256410256	0.8012820512820513	0.7243589743589743	16	0.032719836400818	1437	1283	f	f	f	f
2026-08-01	S001	T2	1	f	1a1bd2167c5f40ddb70e42b8402b6b5c	default-2026	1	481	155	3.9161290322580644	0.7832258064516129	0.6709677419354839	15	0.029106029106029108	1437	1244	f	f	f	f
2026-08-01	S001	T1	2	t	7ade9c3304b540e3a4b14a73fd3b0e59	fixture-raise	1	489	156	4.006410256410256	0.8012820512820513	0.7243589743589743	16	0.032719836400818	1437	1283	f	f	f	f
2026-08-01	S001	T2	2	t	7ade9c3304b540e3a4b14a73fd3b0e59	fixture-raise	1	481	155	3.9161290322580644	0.7832258064516129	0.6709677419354839	15	0.029106029106029108	1437	1244	f	f	f	f
2026-10-01	S001	T1	1	t	7e9878731393457aa83fd097db7c4fb6	default-2026	1	493	126	4.079365079365079	0.8158730158730159	0.7380952380952381	11	0.02231237322515213	1506	1339	f	f	f	f
2026-10-01	S001	T2	1	t	7e9878731393457aa83fd097db7c4fb6	default-2026	1	463	126	3.9126984126984126	0.7825396825396825	0.6984126984126984	16	0.03455723542116631	1497	1290	f	f	f	f
\.


--
-- Name: kpi_agent_monthly kpi_agent_monthly_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpi_agent_monthly
    ADD CONSTRAINT kpi_agent_monthly_pkey PRIMARY KEY (month_start, agent_id, version);


--
-- Name: kpi_appeal_outcome kpi_appeal_outcome_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpi_appeal_outcome
    ADD CONSTRAINT kpi_appeal_outcome_pkey PRIMARY KEY (month_start, version, appeal_id);


--
-- Name: kpi_payroll_adjustment kpi_payroll_adjustment_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpi_payroll_adjustment
    ADD CONSTRAINT kpi_payroll_adjustment_pkey PRIMARY KEY (month_start, agent_id, to_version);


--
-- Name: kpi_payroll_export kpi_payroll_export_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpi_payroll_export
    ADD CONSTRAINT kpi_payroll_export_pkey PRIMARY KEY (export_id);


--
-- Name: kpi_rejected_row kpi_rejected_row_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpi_rejected_row
    ADD CONSTRAINT kpi_rejected_row_pkey PRIMARY KEY (run_id, source, row_number);


--
-- Name: kpi_run_input kpi_run_input_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpi_run_input
    ADD CONSTRAINT kpi_run_input_pkey PRIMARY KEY (run_id, source);


--
-- Name: kpi_run kpi_run_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpi_run
    ADD CONSTRAINT kpi_run_pkey PRIMARY KEY (run_id);


--
-- Name: kpi_team_monthly kpi_team_monthly_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpi_team_monthly
    ADD CONSTRAINT kpi_team_monthly_pkey PRIMARY KEY (month_start, store_id, team_id, version);


--
-- Name: kpi_agent_monthly_current; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX kpi_agent_monthly_current ON public.kpi_agent_monthly USING btree (month_start, is_current);


--
-- Name: kpi_payroll_export_month; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX kpi_payroll_export_month ON public.kpi_payroll_export USING btree (month_start);


--
-- Name: kpi_run_published_version; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX kpi_run_published_version ON public.kpi_run USING btree (month_start, version) WHERE (status = 'published'::text);


--
-- Name: kpi_team_monthly_current; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX kpi_team_monthly_current ON public.kpi_team_monthly USING btree (month_start, is_current);


--
-- PostgreSQL database dump complete
--

\unrestrict EojKWgOY9qnxvMcrzVVQJy5KKXYS3C1b21dcoQOSiSWUVXmBP9MtCbDiMAQAVDX

