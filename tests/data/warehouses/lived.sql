--
-- PostgreSQL database dump
--

\restrict vHNfZCWhB4P0IHW9REg39zWCai18Y5OJP7fIApZIXe2excKG41aduAyTpth2GVi

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
    consecutive_months_below_60 integer NOT NULL,
    is_warning boolean NOT NULL,
    is_demotion_review boolean NOT NULL,
    is_complaint_review boolean NOT NULL,
    improvement_focus text,
    improvement_topic text,
    computed_at timestamp with time zone NOT NULL,
    currency text,
    period_start_on date,
    period_end_on date
);


--
-- Name: TABLE kpi_agent_monthly; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.kpi_agent_monthly IS 'an agent''s monthly scorecard (绩效考核). Grain: one row per (month_start, agent_id, version); BI and payroll read the current version (is_current).';


--
-- Name: COLUMN kpi_agent_monthly.month_start; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.month_start IS 'first day of the month scored';


--
-- Name: COLUMN kpi_agent_monthly.agent_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.agent_id IS 'agent (客服工号) from the roster';


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

COMMENT ON COLUMN public.kpi_agent_monthly.votes_1 IS 'surveys rated 1 (非常不满意)';


--
-- Name: COLUMN kpi_agent_monthly.votes_2; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.votes_2 IS 'surveys rated 2 (不满意)';


--
-- Name: COLUMN kpi_agent_monthly.votes_3; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.votes_3 IS 'surveys rated 3 (一般)';


--
-- Name: COLUMN kpi_agent_monthly.votes_4; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.votes_4 IS 'surveys rated 4 (满意)';


--
-- Name: COLUMN kpi_agent_monthly.votes_5; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.votes_5 IS 'surveys rated 5 (非常满意)';


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

COMMENT ON COLUMN public.kpi_agent_monthly.first_purchase_customers IS 'distinct customers with a first purchase (首购)';


--
-- Name: COLUMN kpi_agent_monthly.repeat_purchase_customers; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.repeat_purchase_customers IS 'distinct customers with an additional or replacement purchase (二次购买)';


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
-- Name: COLUMN kpi_agent_monthly.currency; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.currency IS 'the scheme''s currency of bonus_amount (e.g. CNY)';


--
-- Name: COLUMN kpi_agent_monthly.period_start_on; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.period_start_on IS 'first day of the month''s evaluation period (the calendar month''s first day unless the scheme sets period.end_day)';


--
-- Name: COLUMN kpi_agent_monthly.period_end_on; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_agent_monthly.period_end_on IS 'last day of the evaluation period, inclusive';


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
    deadline_on date,
    record_type text,
    record_id text,
    score_delta numeric(6,2),
    decided_by text,
    decided_on date
);


--
-- Name: TABLE kpi_appeal_outcome; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.kpi_appeal_outcome IS 'what became of each valid appeal (绩效申诉). Grain: one row per appeal read, per published version.';


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
-- Name: COLUMN kpi_appeal_outcome.record_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_appeal_outcome.record_type IS 'void_record: the type of the record named, as read';


--
-- Name: COLUMN kpi_appeal_outcome.record_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_appeal_outcome.record_id IS 'void_record: the id of the record named, as read';


--
-- Name: COLUMN kpi_appeal_outcome.score_delta; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_appeal_outcome.score_delta IS 'adjust_score: the points asked for, as read';


--
-- Name: COLUMN kpi_appeal_outcome.decided_by; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_appeal_outcome.decided_by IS 'who decided the appeal, as read';


--
-- Name: COLUMN kpi_appeal_outcome.decided_on; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_appeal_outcome.decided_on IS 'when it was decided, as read';


--
-- Name: kpi_completeness; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kpi_completeness (
    run_id text NOT NULL,
    month_start date NOT NULL,
    store_id text NOT NULL,
    source text NOT NULL,
    row_count integer NOT NULL,
    baseline_median double precision,
    baseline_months integer NOT NULL,
    volume_share double precision,
    longest_silent_days integer,
    is_incomplete boolean NOT NULL
);


--
-- Name: TABLE kpi_completeness; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.kpi_completeness IS 'each store''s exports against its own history (scheme.md 9.3). Grain: one row per (run, store, export) for every run that judged completeness, published or failed.';


--
-- Name: COLUMN kpi_completeness.run_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_completeness.run_id IS 'the run that judged it';


--
-- Name: COLUMN kpi_completeness.month_start; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_completeness.month_start IS 'the month run';


--
-- Name: COLUMN kpi_completeness.store_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_completeness.store_id IS 'the store';


--
-- Name: COLUMN kpi_completeness.source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_completeness.source IS 'receptions, surveys or consultations';


--
-- Name: COLUMN kpi_completeness.row_count; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_completeness.row_count IS 'rows read of the store in that export (receptions by their own store_id, the others by their agent''s store in the month''s roster)';


--
-- Name: COLUMN kpi_completeness.baseline_median; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_completeness.baseline_median IS 'median of row_count over the store''s baseline months; null without a baseline';


--
-- Name: COLUMN kpi_completeness.baseline_months; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_completeness.baseline_months IS 'how many earlier published months (current versions) form the baseline; 0: none, not judged';


--
-- Name: COLUMN kpi_completeness.volume_share; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_completeness.volume_share IS 'row_count / baseline_median, a fraction; null without a baseline or with a median of 0';


--
-- Name: COLUMN kpi_completeness.longest_silent_days; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_completeness.longest_silent_days IS 'receptions only: the longest run of consecutive days of the period without a reception of the store; null for the other exports';


--
-- Name: COLUMN kpi_completeness.is_incomplete; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_completeness.is_incomplete IS 'judged incomplete: volume below min_volume_share of the median, no rows while the baseline had some, or silent longer than max_silent_days';


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
-- Name: kpi_payroll_approval; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kpi_payroll_approval (
    month_start date NOT NULL,
    version integer NOT NULL,
    run_id text NOT NULL,
    approved_by text NOT NULL,
    approved_at timestamp with time zone NOT NULL,
    note text
);


--
-- Name: TABLE kpi_payroll_approval; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.kpi_payroll_approval IS 'sign-offs of a month''s version for payroll (kpi approve); rows are only ever added. Grain: one row per (month_start, version) approved.';


--
-- Name: COLUMN kpi_payroll_approval.month_start; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_approval.month_start IS 'the month approved';


--
-- Name: COLUMN kpi_payroll_approval.version; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_approval.version IS 'the version approved (the month''s current one when approved)';


--
-- Name: COLUMN kpi_payroll_approval.run_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_approval.run_id IS 'the run that published that version';


--
-- Name: COLUMN kpi_payroll_approval.approved_by; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_approval.approved_by IS 'who signed it off';


--
-- Name: COLUMN kpi_payroll_approval.approved_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_approval.approved_at IS 'when (UTC)';


--
-- Name: COLUMN kpi_payroll_approval.note; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_approval.note IS 'what the approver wrote';


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
    adjustment_total numeric(14,2) NOT NULL,
    original_export_id text
);


--
-- Name: TABLE kpi_payroll_export; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.kpi_payroll_export IS 'the payroll files handed over. Grain: one row per payroll export; the first export of a month freezes its version, a later one reproduces that file.';


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
-- Name: COLUMN kpi_payroll_export.original_export_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_payroll_export.original_export_id IS 'the month''s first export, whose file this one reproduces; null for the first export';


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
    raw text NOT NULL,
    source_line integer
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

COMMENT ON COLUMN public.kpi_rejected_row.reasons IS 'reason codes joined with '';'' in the order of the input contract';


--
-- Name: COLUMN kpi_rejected_row.raw; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_rejected_row.raw IS 'the row''s contract columns as read, JSON';


--
-- Name: COLUMN kpi_rejected_row.source_line; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_rejected_row.source_line IS 'where the clerk finds the row: the CSV line or the spreadsheet row number, counting title and header lines; null for runs before it was recorded';


--
-- Name: kpi_roster_monthly; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kpi_roster_monthly (
    month_start date NOT NULL,
    period_start_on date,
    period_end_on date,
    agent_id text NOT NULL,
    version integer NOT NULL,
    is_current boolean NOT NULL,
    run_id text NOT NULL,
    agent_name text NOT NULL,
    store_id text NOT NULL,
    team_id text NOT NULL,
    hired_on date,
    left_on date,
    is_active boolean NOT NULL
);


--
-- Name: TABLE kpi_roster_monthly; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.kpi_roster_monthly IS 'the roster a version was scored with. Grain: one row per (month_start, agent_id, version), every roster row, active in the period or not.';


--
-- Name: COLUMN kpi_roster_monthly.month_start; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_roster_monthly.month_start IS 'first day of the month';


--
-- Name: COLUMN kpi_roster_monthly.period_start_on; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_roster_monthly.period_start_on IS 'first day of the month''s evaluation period (the calendar month''s first day unless the scheme sets period.end_day)';


--
-- Name: COLUMN kpi_roster_monthly.period_end_on; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_roster_monthly.period_end_on IS 'last day of the evaluation period, inclusive';


--
-- Name: COLUMN kpi_roster_monthly.agent_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_roster_monthly.agent_id IS 'agent (客服工号)';


--
-- Name: COLUMN kpi_roster_monthly.version; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_roster_monthly.version IS 'version of the month (see kpi_agent_monthly)';


--
-- Name: COLUMN kpi_roster_monthly.is_current; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_roster_monthly.is_current IS 'true on the version BI uses';


--
-- Name: COLUMN kpi_roster_monthly.run_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_roster_monthly.run_id IS 'the run that read the roster';


--
-- Name: COLUMN kpi_roster_monthly.agent_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_roster_monthly.agent_name IS 'name as on the roster';


--
-- Name: COLUMN kpi_roster_monthly.store_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_roster_monthly.store_id IS 'store as on the roster';


--
-- Name: COLUMN kpi_roster_monthly.team_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_roster_monthly.team_id IS 'team as on the roster; the store_id when the roster has none';


--
-- Name: COLUMN kpi_roster_monthly.hired_on; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_roster_monthly.hired_on IS 'hiring date as on the roster';


--
-- Name: COLUMN kpi_roster_monthly.left_on; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_roster_monthly.left_on IS 'leaving date as on the roster';


--
-- Name: COLUMN kpi_roster_monthly.is_active; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_roster_monthly.is_active IS 'active in the month''s evaluation period (gets a scorecard)';


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
    data_docs text,
    history_digest text,
    flow_run_id text,
    allow_incomplete boolean
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

COMMENT ON COLUMN public.kpi_run.fingerprint IS 'hash of the input files, the scheme file and history_digest; an equal fingerprint means nothing the month reads changed';


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

COMMENT ON COLUMN public.kpi_run.allow_rejects IS 'published over the reject threshold by the operator''s choice (--allow-rejects while a file was over it)';


--
-- Name: COLUMN kpi_run.data_docs; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run.data_docs IS 'where the quality gate''s report is';


--
-- Name: COLUMN kpi_run.history_digest; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run.history_digest IS 'hash of what the run read from earlier months: each agent''s consecutive warned months ending the month before';


--
-- Name: COLUMN kpi_run.flow_run_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run.flow_run_id IS 'the Prefect flow run that ran it; null outside Prefect';


--
-- Name: COLUMN kpi_run.allow_incomplete; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run.allow_incomplete IS 'published although a store''s export was incomplete against its own history, by the operator''s choice (--allow-incomplete while a store was judged incomplete; see kpi_completeness)';


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
    rows_out_of_period integer NOT NULL,
    sheet text,
    rows_skipped integer
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
-- Name: COLUMN kpi_run_input.sheet; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run_input.sheet IS 'the spreadsheet''s sheet read (its first visible one); null for CSV';


--
-- Name: COLUMN kpi_run_input.rows_skipped; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_run_input.rows_skipped IS 'footer rows skipped (合计, 总计, 小计, 制表 ...): not data, not rows read; null for runs before they were counted';


--
-- Name: kpi_stale_month; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kpi_stale_month (
    month_start date NOT NULL,
    run_id text NOT NULL,
    found_at timestamp with time zone NOT NULL
);


--
-- Name: TABLE kpi_stale_month; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.kpi_stale_month IS 'later months a publish made stale (their consecutive-month counts read a changed month). Grain: one row per (stale month, run that made it stale).';


--
-- Name: COLUMN kpi_stale_month.month_start; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_stale_month.month_start IS 'the month that became stale';


--
-- Name: COLUMN kpi_stale_month.run_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_stale_month.run_id IS 'the run whose publish of an earlier month made it stale';


--
-- Name: COLUMN kpi_stale_month.found_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_stale_month.found_at IS 'when (UTC); the month is stale while its current version was published before this';


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
    is_timeliness_target_met boolean,
    period_start_on date,
    period_end_on date
);


--
-- Name: TABLE kpi_team_monthly; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.kpi_team_monthly IS 'a team''s pooled monthly metrics, team reward (团队奖励) and department targets. Grain: one row per (month_start, store_id, team_id, version).';


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
-- Name: COLUMN kpi_team_monthly.period_start_on; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.period_start_on IS 'first day of the month''s evaluation period (the calendar month''s first day unless the scheme sets period.end_day)';


--
-- Name: COLUMN kpi_team_monthly.period_end_on; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_team_monthly.period_end_on IS 'last day of the evaluation period, inclusive';


--
-- Name: v_agent; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.v_agent AS
 SELECT r.agent_id,
    r.agent_name,
    r.store_id,
    r.team_id,
    r.hired_on,
    r.left_on,
    r.month_start AS as_of_month
   FROM public.kpi_roster_monthly r
  WHERE (r.is_current AND (r.month_start = ( SELECT max(x.month_start) AS max
           FROM public.kpi_roster_monthly x
          WHERE (x.is_current AND (x.agent_id = r.agent_id)))));


--
-- Name: VIEW v_agent; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.v_agent IS 'every agent with their latest roster row (the newest month''s current version): name, store, team, hiring and leaving dates, for BI to label and filter.';


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
    kpi_agent_monthly.consecutive_months_below_60,
    kpi_agent_monthly.is_warning,
    kpi_agent_monthly.is_demotion_review,
    kpi_agent_monthly.is_complaint_review,
    kpi_agent_monthly.improvement_focus,
    kpi_agent_monthly.improvement_topic,
    kpi_agent_monthly.computed_at,
    kpi_agent_monthly.currency,
    kpi_agent_monthly.period_start_on,
    kpi_agent_monthly.period_end_on
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
    kpi_team_monthly.is_timeliness_target_met,
    kpi_team_monthly.period_start_on,
    kpi_team_monthly.period_end_on
   FROM public.kpi_team_monthly
  WHERE kpi_team_monthly.is_current;


--
-- Name: VIEW v_kpi_team_current; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.v_kpi_team_current IS 'the current team metrics of every team and month (kpi_team_monthly where is_current).';


--
-- Name: v_month_status; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.v_month_status AS
 WITH RECURSIVE published AS (
         SELECT kpi_run.month_start,
            max(kpi_run.version) AS current_version
           FROM public.kpi_run
          WHERE (kpi_run.status = 'published'::text)
          GROUP BY kpi_run.month_start
        ), bounds AS (
         SELECT min(kpi_run.month_start) AS first_month,
            max(kpi_run.month_start) AS last_month
           FROM public.kpi_run
        ), months(month_start) AS (
         SELECT bounds.first_month
           FROM bounds
          WHERE (bounds.first_month IS NOT NULL)
        UNION ALL
         SELECT ((months_1.month_start + '1 mon'::interval))::date AS date
           FROM months months_1,
            bounds
          WHERE (months_1.month_start < bounds.last_month)
        ), published_span AS (
         SELECT min(published.month_start) AS first_month,
            max(published.month_start) AS last_month
           FROM published
        ), last_run AS (
         SELECT r.month_start,
            r.status,
            r.finished_at
           FROM public.kpi_run r
          WHERE (r.run_id = ( SELECT x.run_id
                   FROM public.kpi_run x
                  WHERE (x.month_start = r.month_start)
                  ORDER BY x.started_at DESC, x.run_id DESC
                 LIMIT 1))
        ), current_run AS (
         SELECT r.month_start,
            r.finished_at
           FROM (public.kpi_run r
             JOIN published p_1 ON (((p_1.month_start = r.month_start) AND (p_1.current_version = r.version))))
          WHERE (r.status = 'published'::text)
        ), stale AS (
         SELECT DISTINCT s.month_start
           FROM (public.kpi_stale_month s
             JOIN current_run c_1 ON ((c_1.month_start = s.month_start)))
          WHERE (s.found_at > c_1.finished_at)
        ), approved AS (
         SELECT kpi_payroll_approval.month_start,
            max(kpi_payroll_approval.version) AS approved_version
           FROM public.kpi_payroll_approval
          GROUP BY kpi_payroll_approval.month_start
        ), exported AS (
         SELECT kpi_payroll_export.month_start,
            kpi_payroll_export.version AS exported_version
           FROM public.kpi_payroll_export
          WHERE (kpi_payroll_export.original_export_id IS NULL)
        ), latest_exported AS (
         SELECT max(exported.month_start) AS month_start
           FROM exported
        ), carrier AS (
         SELECT e_1.month_start,
            min(m.month_start) AS carrier_month
           FROM ((exported e_1
             JOIN months m ON ((m.month_start > e_1.month_start)))
             LEFT JOIN exported x ON ((x.month_start = m.month_start)))
          WHERE (x.month_start IS NULL)
          GROUP BY e_1.month_start
        ), adjustments AS (
         SELECT a.month_start,
            count(*) AS recorded,
            count(a.export_id) AS carried,
            (count(*) - count(a.export_id)) AS waiting,
            max(
                CASE
                    WHEN ((a.export_id IS NULL) AND ((p_1.approved_version IS NULL) OR (p_1.approved_version < a.to_version))) THEN a.to_version
                    ELSE NULL::integer
                END) AS waiting_for_approval
           FROM (public.kpi_payroll_adjustment a
             LEFT JOIN approved p_1 ON ((p_1.month_start = a.month_start)))
          GROUP BY a.month_start
        )
 SELECT months.month_start,
    p.current_version,
    lr.status AS last_run_status,
    lr.finished_at AS last_run_at,
    ((p.current_version IS NULL) AND (months.month_start > ps.first_month) AND (months.month_start < ps.last_month)) AS is_missing,
    (st.month_start IS NOT NULL) AS is_stale,
    ap.approved_version,
    e.exported_version,
    COALESCE(ad.recorded, (0)::bigint) AS adjustments_recorded,
    COALESCE(ad.carried, (0)::bigint) AS adjustments_carried,
    COALESCE(ad.waiting, (0)::bigint) AS adjustments_waiting,
        CASE
            WHEN (COALESCE(ad.waiting, (0)::bigint) = 0) THEN NULL::text
            WHEN (ad.waiting_for_approval IS NOT NULL) THEN ('the approval of version '::text || (ad.waiting_for_approval)::text)
            WHEN (e.exported_version IS NULL) THEN 'the first payroll export of the month'::text
            WHEN ((c.carrier_month IS NULL) OR (c.carrier_month > le.month_start)) THEN (('the first payroll export of a month after '::text || to_char((le.month_start)::timestamp with time zone, 'YYYY-MM'::text)) || ' (the latest exported)'::text)
            ELSE (('the first payroll export of a month from '::text || to_char((c.carrier_month)::timestamp with time zone, 'YYYY-MM'::text)) || ' on that is not exported yet'::text)
        END AS carried_by
   FROM (((((((((months
     CROSS JOIN published_span ps)
     CROSS JOIN latest_exported le)
     LEFT JOIN published p ON ((p.month_start = months.month_start)))
     LEFT JOIN last_run lr ON ((lr.month_start = months.month_start)))
     LEFT JOIN stale st ON ((st.month_start = months.month_start)))
     LEFT JOIN approved ap ON ((ap.month_start = months.month_start)))
     LEFT JOIN exported e ON ((e.month_start = months.month_start)))
     LEFT JOIN carrier c ON ((c.month_start = months.month_start)))
     LEFT JOIN adjustments ad ON ((ad.month_start = months.month_start)));


--
-- Name: VIEW v_month_status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.v_month_status IS 'where every month of the warehouse stands: published, stale, approved, exported, payroll adjustments. Grain: one row per month from the first month with a run to the last, months without a published version between published ones included.';


--
-- Name: v_payroll_adjustment; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.v_payroll_adjustment AS
 SELECT a.month_start,
    a.agent_id,
    a.agent_name,
    a.store_id,
    a.from_version,
    a.to_version,
    a.bonus_before,
    a.bonus_after,
    a.delta,
    a.currency,
    a.run_id,
    a.created_at,
    a.export_id,
    COALESCE(a.export_id, 'waiting'::text) AS carried_by,
    (EXISTS ( SELECT 1
           FROM public.kpi_payroll_approval p
          WHERE ((p.month_start = a.month_start) AND (p.version >= a.to_version)))) AS is_approved
   FROM public.kpi_payroll_adjustment a;


--
-- Name: VIEW v_payroll_adjustment; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.v_payroll_adjustment IS 'bonus changes between versions and what carries them: the payroll export, or ''waiting''.';


--
-- Name: v_payroll_bonus; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.v_payroll_bonus AS
 SELECT a.month_start,
    a.agent_id,
    a.agent_name,
    a.store_id,
    a.tier,
    a.bonus_amount,
    a.version,
    (EXISTS ( SELECT 1
           FROM public.kpi_payroll_approval p
          WHERE ((p.month_start = a.month_start) AND (p.version = a.version)))) AS is_approved
   FROM public.kpi_agent_monthly a
  WHERE a.is_current;


--
-- Name: VIEW v_payroll_bonus; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.v_payroll_bonus IS 'what payroll pays: every agent''s bonus of the current version of each month, and whether that version is approved (only approved versions are exported).';


--
-- Data for Name: kpi_agent_monthly; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_agent_monthly (month_start, agent_id, agent_name, store_id, team_id, version, is_current, run_id, scheme_version, status, customers_received, survey_count, votes_1, votes_2, votes_3, votes_4, votes_5, satisfaction_avg, complaint_count, complaint_customers, complaint_rate, first_purchase_customers, repeat_purchase_customers, referral_customers, repurchase_rate, referral_rate, consultation_count, timely_count, timely_rate, satisfaction_points, complaint_points, loyalty_points, timeliness_points, satisfaction_weight, complaint_weight, loyalty_weight, timeliness_weight, score_before_adjustment, score_adjustment, score, tier, bonus_amount, consecutive_months_below_60, is_warning, is_demotion_review, is_complaint_review, improvement_focus, improvement_topic, computed_at, currency, period_start_on, period_end_on) FROM stdin;
2026-09-01	0010002	陈勇	S001	T1	1	t	bf99da663d0b47f59ef3899547e25ac7	default-2026	scored	474	144	5	13	28	40	58	3.923611111111111	16	16	0.03375527426160337	20	10	4	0.5	0.008438818565400843	1477	1311	0.8876100203114421	18.47222222222222	9.746835443037977	8.132911392405063	6.5707515233581555	40	30	15	15	42.92	0.00	42.92	E	0.00	2	t	t	t	satisfaction	服務技巧 service skills	2026-12-04 11:58:31.951422+00	\N	\N	\N
2026-09-01	0010003	孙涛	S001	T2	1	t	bf99da663d0b47f59ef3899547e25ac7	default-2026	scored	478	146	10	15	26	50	45	3.719178082191781	14	14	0.029288702928870293	17	13	6	0.7647058823529411	0.012552301255230125	1477	1279	0.8659444820582262	14.383561643835616	12.426778242677825	8.44142259414226	4.94583615436696	40	30	15	15	40.20	0.00	40.20	E	0.00	2	t	t	t	satisfaction	服務技巧 service skills	2026-12-04 11:58:31.951422+00	\N	\N	\N
2026-08-01	0010002	陈勇	S001	T1	2	t	db32f5f44b894b0492de63ee2f41fd70	fixture-raise	scored	489	156	6	6	31	51	62	4.006410256410256	16	16	0.032719836400818	16	8	4	0.5	0.0081799591002045	1437	1283	0.8928322894919972	20.128205128205128	10.368098159509202	8.113496932515337	6.96242171189979	40	30	15	15	45.57	3.25	48.82	E	100.00	1	t	f	t	satisfaction	服務技巧 service skills	2026-12-04 11:59:39.853539+00	CNY	2026-08-01	2026-08-31
2026-08-01	0010003	孙涛	S001	T2	2	t	db32f5f44b894b0492de63ee2f41fd70	fixture-raise	scored	481	155	5	11	35	45	59	3.9161290322580644	15	14	0.029106029106029108	13	11	3	0.8461538461538461	0.006237006237006237	1437	1244	0.8656924147529576	18.32258064516129	12.536382536382536	7.967775467775469	4.926931106471814	40	30	15	15	43.75	0.00	43.75	E	100.00	1	t	f	t	satisfaction	服務技巧 service skills	2026-12-04 11:59:39.853539+00	CNY	2026-08-01	2026-08-31
2026-08-01	0010002	陈勇	S001	T1	1	f	d861a34af6964413a27565bc08a6fdb5	default-2026	scored	489	156	6	6	31	51	62	4.006410256410256	16	16	0.032719836400818	16	8	4	0.5	0.0081799591002045	1437	1283	0.8928322894919972	20.128205128205128	10.368098159509202	8.113496932515337	6.96242171189979	40	30	15	15	45.57	3.25	48.82	E	0.00	1	t	f	t	satisfaction	服務技巧 service skills	2026-12-04 11:58:31.452071+00	\N	\N	\N
2026-08-01	0010003	孙涛	S001	T2	1	f	d861a34af6964413a27565bc08a6fdb5	default-2026	scored	481	155	5	11	35	45	59	3.9161290322580644	15	14	0.029106029106029108	13	11	3	0.8461538461538461	0.006237006237006237	1437	1244	0.8656924147529576	18.32258064516129	12.536382536382536	7.967775467775469	4.926931106471814	40	30	15	15	43.75	0.00	43.75	E	0.00	1	t	f	t	satisfaction	服務技巧 service skills	2026-12-04 11:58:31.452071+00	\N	\N	\N
2026-10-01	0010002	陈勇	S001	T1	1	t	f86731ba74d241f9b2110a81172ba7dc	default-2026	scored	493	126	6	8	19	30	63	4.079365079365079	11	11	0.02231237322515213	18	6	6	0.3333333333333333	0.012170385395537525	1506	1339	0.8891102257636122	21.58730158730158	16.612576064908723	8.412778904665315	6.6832669322709135	40	30	15	15	53.30	0.00	53.30	E	0.00	3	t	t	t	satisfaction	服务技巧	2026-12-04 12:00:51.388501+00	CNY	2026-10-01	2026-10-31
2026-10-01	0010003	孙涛	S001	T2	1	t	f86731ba74d241f9b2110a81172ba7dc	default-2026	scored	463	126	5	13	20	38	50	3.9126984126984126	16	16	0.03455723542116631	16	8	3	0.5	0.0064794816414686825	1497	1290	0.8617234468937875	18.253968253968253	9.265658747300215	7.985961123110151	4.629258517034064	40	30	15	15	40.13	0.00	40.13	E	0.00	3	t	t	t	satisfaction	服务技巧	2026-12-04 12:00:51.388501+00	CNY	2026-10-01	2026-10-31
2026-11-01	0010002	陈勇	S001	T1	1	t	1a81a15735324737bbc616cf53c9d7b7	default-2026	scored	483	141	4	12	21	45	59	4.01418439716312	17	17	0.035196687370600416	18	8	2	0.4444444444444444	0.004140786749482402	1502	1344	0.8948069241011984	20.283687943262407	8.881987577639752	7.81055900621118	7.110519307589882	40	30	15	15	44.09	5.00	49.09	E	0.00	4	t	t	t	complaint_rate	沟通能力	2026-12-04 12:02:16.022094+00	CNY	2026-11-01	2026-11-30
2026-11-01	0010003	孙涛	S001	T2	1	t	1a81a15735324737bbc616cf53c9d7b7	default-2026	scored	476	144	7	10	22	42	63	4	23	21	0.04411764705882353	15	11	4	0.7333333333333333	0.008403361344537815	1499	1308	0.8725817211474316	20	3.5294117647058822	8.130252100840336	5.443629086057367	40	30	15	15	37.10	0.00	37.10	E	0.00	4	t	t	t	complaint_rate	沟通能力	2026-12-04 12:02:16.022094+00	CNY	2026-11-01	2026-11-30
\.


--
-- Data for Name: kpi_appeal_outcome; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_appeal_outcome (run_id, month_start, version, is_current, appeal_id, agent_id, kind, is_applied, reason, deadline_on, record_type, record_id, score_delta, decided_by, decided_on) FROM stdin;
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	1	t	AP2026090000	0010002	void_record	f	rejected	2026-10-13	\N	\N	\N	\N	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	1	t	AP2026090001	0010002	adjust_score	f	rejected	2026-10-13	\N	\N	\N	\N	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	1	f	AP2026080000	0010002	void_record	f	rejected	2026-09-10	\N	\N	\N	\N	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	1	f	AP2026080001	0010002	adjust_score	t	\N	2026-09-10	\N	\N	\N	\N	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	2	t	AP2026080000	0010002	void_record	f	rejected	2026-09-10	complaint	CP2026080000000000	\N	客服经理	2026-09-08
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	2	t	AP2026080001	0010002	adjust_score	t	\N	2026-09-10	\N	\N	3.25	客服经理	2026-09-08
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	1	t	AP2026100000	0010003	void_record	t	\N	2026-11-10	reception	RC2026100000000743	\N	客服经理	2026-11-08
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	1	t	AP2026100001	0010003	adjust_score	f	late	2026-11-10	\N	\N	-1.50	客服经理	2026-11-08
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	1	t	AP2026110000	0010002	void_record	t	\N	2026-12-10	survey	SV2026110000000000	\N	客服经理	2026-12-08
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	1	t	AP2026110001	0010002	adjust_score	t	\N	2026-12-10	\N	\N	5.00	客服经理	2026-12-08
\.


--
-- Data for Name: kpi_completeness; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_completeness (run_id, month_start, store_id, source, row_count, baseline_median, baseline_months, volume_share, longest_silent_days, is_incomplete) FROM stdin;
\.


--
-- Data for Name: kpi_payroll_adjustment; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_payroll_adjustment (month_start, agent_id, agent_name, store_id, from_version, to_version, bonus_before, bonus_after, delta, currency, run_id, created_at, export_id) FROM stdin;
2026-08-01	0010002	陈勇	S001	1	2	0.00	100.00	100.00	CNY	db32f5f44b894b0492de63ee2f41fd70	2026-12-04 11:59:40.65632+00	\N
2026-08-01	0010003	孙涛	S001	1	2	0.00	100.00	100.00	CNY	db32f5f44b894b0492de63ee2f41fd70	2026-12-04 11:59:40.65632+00	\N
\.


--
-- Data for Name: kpi_payroll_approval; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_payroll_approval (month_start, version, run_id, approved_by, approved_at, note) FROM stdin;
2026-08-01	2	db32f5f44b894b0492de63ee2f41fd70	Fixture Maker	2026-12-04 11:59:47.951164+00	\N
\.


--
-- Data for Name: kpi_payroll_export; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_payroll_export (export_id, month_start, version, created_at, file_name, bonus_total, adjustment_total, original_export_id) FROM stdin;
PE202608-cbdcbc93d4	2026-08-01	1	2026-12-04 11:59:03.817577+00	payroll-l2-1303936636974988865.csv	0.00	0.00	\N
PE202608-4d3dca27f6	2026-08-01	1	2026-12-04 12:02:30.594016+00	payroll-l8-1303936636974988865.csv	0.00	0.00	PE202608-cbdcbc93d4
\.


--
-- Data for Name: kpi_rejected_row; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_rejected_row (run_id, month_start, source, file_name, row_number, record_id, reasons, raw, source_line) FROM stdin;
d861a34af6964413a27565bc08a6fdb5	2026-08-01	receptions	receptions.csv	61	RC2026080000000060	missing_value:store_id	{"reception_id":"RC2026080000000060","store_id":null,"agent_id":"0010002","customer_id":"CUS001-32","received_at":"2026/8/12 18:08"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	receptions	receptions.csv	121	RC2026080000000120	invalid_value:received_at	{"reception_id":"RC2026080000000120","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-372","received_at":"2026-13-45 25:61"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	receptions	receptions.csv	449	RC2026080000000448	duplicate_conflict	{"reception_id":"RC2026080000000448","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-542","received_at":"2026/8/3 18:00"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	receptions	receptions.csv	450	RC2026080000000448	duplicate_conflict	{"reception_id":"RC2026080000000448","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-542","received_at":"2026/8/3 18:00"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	receptions	receptions.csv	455	RC2026080000000453	unknown_agent	{"reception_id":"RC2026080000000453","store_id":"S001","agent_id":"99999","customer_id":"CUS001-587","received_at":"2026/8/23 9:22"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	receptions	receptions.csv	621	RC2026080000000619	agent_not_active	{"reception_id":"RC2026080000000619","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-794","received_at":"2026/8/30 14:41"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	receptions	receptions.csv	931	RC2026080000000928	missing_value:received_at	{"reception_id":"RC2026080000000928","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-323","received_at":null}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	receptions	receptions.csv	984	RC2026080000000981	invalid_value:received_at	{"reception_id":"RC2026080000000981","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-148","received_at":"2026-13-45 25:61"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	receptions	receptions.csv	1058	RC2026080000001055	duplicate_conflict	{"reception_id":"RC2026080000001055","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-530","received_at":"2026/8/4 13:35"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	receptions	receptions.csv	1059	RC2026080000001055	duplicate_conflict	{"reception_id":"RC2026080000001055","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-530","received_at":"2026/8/4 13:35"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	receptions	receptions.csv	1118	RC2026080000001114	unknown_agent	{"reception_id":"RC2026080000001114","store_id":"S001","agent_id":"99999","customer_id":"CUS001-95","received_at":"2026/8/1 14:45"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	receptions	receptions.csv	1214	RC2026080000001210	agent_not_active	{"reception_id":"RC2026080000001210","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-518","received_at":"2026/8/29 9:08"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	surveys	surveys.xlsx	75	SV2026080000000074	missing_value:store_id	{"survey_id":"SV2026080000000074","store_id":null,"agent_id":"0010002","customer_id":"CUS001-253","surveyed_at":"2026-08-03 18:32:00","rating":"滿意"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	surveys	surveys.xlsx	252	SV2026080000000251	invalid_value:rating	{"survey_id":"SV2026080000000251","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-768","surveyed_at":"2026-08-06 19:01:00","rating":"很好"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	surveys	surveys.xlsx	261	SV2026080000000260	duplicate_conflict	{"survey_id":"SV2026080000000260","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-137","surveyed_at":"2026-08-18 09:10:00","rating":"滿意"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	surveys	surveys.xlsx	262	SV2026080000000260	duplicate_conflict	{"survey_id":"SV2026080000000260","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-137","surveyed_at":"2026-08-18 09:10:00","rating":"滿意"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	164	CS2026080000000163	missing_value:store_id	{"consultation_id":"CS2026080000000163","store_id":null,"agent_id":"0010002","customer_id":"CUS001-162","channel":"phone","received_at":"2026/8/3 9:13","first_response_at":"2026/8/3 9:21","resolved_at":"2026/8/4 4:47"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	200	CS2026080000000199	invalid_value:received_at	{"consultation_id":"CS2026080000000199","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-259","channel":"wechat","received_at":"2026-13-45 25:61","first_response_at":"2026/8/4 20:02","resolved_at":"2026/8/4 22:01"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	218	CS2026080000000217	duplicate_conflict	{"consultation_id":"CS2026080000000217","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-229","channel":"phone","received_at":"2026/8/13 13:06","first_response_at":"2026/8/13 13:08","resolved_at":"2026/8/13 18:54"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	219	CS2026080000000217	duplicate_conflict	{"consultation_id":"CS2026080000000217","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-229","channel":"phone","received_at":"2026/8/13 13:06","first_response_at":"2026/8/13 13:08","resolved_at":"2026/8/13 18:54"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	258	CS2026080000000256	time_order	{"consultation_id":"CS2026080000000256","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-134","channel":"online","received_at":"2026-08-01 08:00:00","first_response_at":"2026-08-01 00:00:00","resolved_at":"2026/8/28 15:11"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	279	CS2026080000000277	unknown_agent	{"consultation_id":"CS2026080000000277","store_id":"S001","agent_id":"99999","customer_id":"CUS001-450","channel":"walk_in","received_at":"2026/8/29 13:46","first_response_at":"2026/8/29 13:47","resolved_at":"2026/8/30 0:58"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	578	CS2026080000000576	agent_not_active	{"consultation_id":"CS2026080000000576","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-316","channel":"phone","received_at":"2026/8/26 15:46","first_response_at":"2026/8/26 15:55","resolved_at":"2026/8/27 3:34"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	826	CS2026080000000823	missing_value:store_id	{"consultation_id":"CS2026080000000823","store_id":null,"agent_id":"0010002","customer_id":"CUS001-95","channel":"wechat","received_at":"2026/8/7 14:52","first_response_at":"2026/8/7 14:54","resolved_at":"2026/8/7 16:49"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	977	CS2026080000000974	invalid_value:received_at	{"consultation_id":"CS2026080000000974","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-725","channel":"walk_in","received_at":"2026-13-45 25:61","first_response_at":"2026/8/28 12:57","resolved_at":"2026/8/28 14:36"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	1008	CS2026080000001005	duplicate_conflict	{"consultation_id":"CS2026080000001005","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-744","channel":"phone","received_at":"2026/8/1 11:59","first_response_at":"2026/8/1 12:01","resolved_at":"2026/8/1 16:08"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	1009	CS2026080000001005	duplicate_conflict	{"consultation_id":"CS2026080000001005","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-744","channel":"phone","received_at":"2026/8/1 11:59","first_response_at":"2026/8/1 12:01","resolved_at":"2026/8/1 16:08"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	1087	CS2026080000001083	time_order	{"consultation_id":"CS2026080000001083","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-229","channel":"wechat","received_at":"2026-08-01 08:00:00","first_response_at":"2026-08-01 00:00:00","resolved_at":"2026/8/21 11:01"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	1101	CS2026080000001097	unknown_agent	{"consultation_id":"CS2026080000001097","store_id":"S001","agent_id":"99999","customer_id":"CUS001-102","channel":"phone","received_at":"2026/8/9 12:27","first_response_at":"2026/8/9 12:35","resolved_at":"2026/8/9 14:22"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	1162	CS2026080000001158	agent_not_active	{"consultation_id":"CS2026080000001158","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-410","channel":"wechat","received_at":"2026/8/5 10:44","first_response_at":"2026/8/5 10:54","resolved_at":"2026/8/5 18:02"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	1563	CS2026080000001558	missing_value:store_id	{"consultation_id":"CS2026080000001558","store_id":null,"agent_id":"0010003","customer_id":"CUS001-247","channel":"wechat","received_at":"2026/8/3 15:33","first_response_at":"2026/8/3 15:56","resolved_at":"2026/8/3 20:33"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	1910	CS2026080000001905	invalid_value:received_at	{"consultation_id":"CS2026080000001905","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-166","channel":"walk_in","received_at":"2026-13-45 25:61","first_response_at":"2026/8/17 17:38","resolved_at":"2026/8/18 20:25"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	1953	CS2026080000001948	duplicate_conflict	{"consultation_id":"CS2026080000001948","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-454","channel":"online","received_at":"2026/8/25 19:43","first_response_at":"2026/8/25 19:45","resolved_at":"2026/8/26 0:16"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	1954	CS2026080000001948	duplicate_conflict	{"consultation_id":"CS2026080000001948","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-454","channel":"online","received_at":"2026/8/25 19:43","first_response_at":"2026/8/25 19:45","resolved_at":"2026/8/26 0:16"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	1978	CS2026080000001972	time_order	{"consultation_id":"CS2026080000001972","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-695","channel":"phone","received_at":"2026-08-01 08:00:00","first_response_at":"2026-08-01 00:00:00","resolved_at":"2026/8/3 21:34"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	2086	CS2026080000002080	unknown_agent	{"consultation_id":"CS2026080000002080","store_id":"S001","agent_id":"99999","customer_id":"CUS001-369","channel":"walk_in","received_at":"2026/8/17 12:30","first_response_at":"2026/8/17 12:34","resolved_at":"2026/8/18 10:02"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	2312	CS2026080000002306	agent_not_active	{"consultation_id":"CS2026080000002306","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-268","channel":"online","received_at":"2026/8/6 16:09","first_response_at":"2026/8/6 16:17","resolved_at":"2026/8/8 5:31"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	2504	CS2026080000002497	missing_value:store_id	{"consultation_id":"CS2026080000002497","store_id":null,"agent_id":"0010003","customer_id":"CUS001-82","channel":"wechat","received_at":"2026/8/14 18:07","first_response_at":"2026/8/14 18:14","resolved_at":"2026/8/14 21:28"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	2537	CS2026080000002530	invalid_value:received_at	{"consultation_id":"CS2026080000002530","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-131","channel":"online","received_at":"2026-13-45 25:61","first_response_at":"2026/8/17 8:50","resolved_at":"2026/8/17 15:29"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	2539	CS2026080000002532	duplicate_conflict	{"consultation_id":"CS2026080000002532","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-691","channel":"wechat","received_at":"2026/8/6 11:33","first_response_at":"2026/8/6 11:35","resolved_at":"2026/8/6 15:24"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	2540	CS2026080000002532	duplicate_conflict	{"consultation_id":"CS2026080000002532","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-691","channel":"wechat","received_at":"2026/8/6 11:33","first_response_at":"2026/8/6 11:35","resolved_at":"2026/8/6 15:24"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	2564	CS2026080000002556	time_order	{"consultation_id":"CS2026080000002556","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-231","channel":"other","received_at":"2026-08-01 08:00:00","first_response_at":"2026-08-01 00:00:00","resolved_at":"2026/8/15 15:37"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	2581	CS2026080000002573	unknown_agent	{"consultation_id":"CS2026080000002573","store_id":"S001","agent_id":"99999","customer_id":"CUS001-184","channel":"online","received_at":"2026/8/14 17:50","first_response_at":"2026/8/14 18:01","resolved_at":"2026/8/14 20:19"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	appeals	appeals.csv	3	AP2026089998	missing_value:reason	{"appeal_id":"AP2026089998","agent_id":"0010002","month":"2026-08","feedback_on":"2026-09-03","filed_on":"2026-09-06","kind":"void_record","record_type":"complaint","record_id":"CP2026080000000000","score_delta":null,"reason":null,"status":"rejected","decided_by":"客服经理","decided_on":"2026-09-08"}	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	appeals	appeals.csv	4	AP2026089999	invalid_value:kind	{"appeal_id":"AP2026089999","agent_id":"0010002","month":"2026-08","feedback_on":"2026-09-03","filed_on":"2026-09-04","kind":"bonus","record_type":null,"record_id":null,"score_delta":"3.25","reason":"主管复核加分","status":"approved","decided_by":"客服经理","decided_on":"2026-09-08"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	receptions	receptions.csv	221	RC2026090000000220	missing_value:store_id	{"reception_id":"RC2026090000000220","store_id":null,"agent_id":"0010002","customer_id":"CUS001-769","received_at":"2026-09-04 08:02:15"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	receptions	receptions.csv	290	RC2026090000000289	invalid_value:received_at	{"reception_id":"RC2026090000000289","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-86","received_at":"2026-13-45 25:61"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	receptions	receptions.csv	378	RC2026090000000377	duplicate_conflict	{"reception_id":"RC2026090000000377","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-645","received_at":"2026-09-05 12:09:37"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	receptions	receptions.csv	379	RC2026090000000377	duplicate_conflict	{"reception_id":"RC2026090000000377","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-645","received_at":"2026-09-05 12:09:37"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	receptions	receptions.csv	431	RC2026090000000429	unknown_agent	{"reception_id":"RC2026090000000429","store_id":"S001","agent_id":"99999","customer_id":"CUS001-285","received_at":"2026-09-05 17:17:16"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	receptions	receptions.csv	595	RC2026090000000593	agent_not_active	{"reception_id":"RC2026090000000593","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-224","received_at":"2026-09-03 11:09:57"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	receptions	receptions.csv	653	RC2026090000000650	missing_value:received_at	{"reception_id":"RC2026090000000650","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-581","received_at":null}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	receptions	receptions.csv	695	RC2026090000000692	invalid_value:received_at	{"reception_id":"RC2026090000000692","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-534","received_at":"2026-13-45 25:61"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	receptions	receptions.csv	707	RC2026090000000704	duplicate_conflict	{"reception_id":"RC2026090000000704","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-524","received_at":"2026-09-04 18:59:20"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	receptions	receptions.csv	708	RC2026090000000704	duplicate_conflict	{"reception_id":"RC2026090000000704","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-524","received_at":"2026-09-04 18:59:20"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	receptions	receptions.csv	820	RC2026090000000816	unknown_agent	{"reception_id":"RC2026090000000816","store_id":"S001","agent_id":"99999","customer_id":"CUS001-450","received_at":"2026-09-08 08:20:04"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	receptions	receptions.csv	977	RC2026090000000973	agent_not_active	{"reception_id":"RC2026090000000973","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-455","received_at":"2026-09-07 08:46:24"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	surveys	surveys.csv	9	SV2026090000000008	missing_value:store_id	{"survey_id":"SV2026090000000008","store_id":null,"agent_id":"0010002","customer_id":"CUS001-566","surveyed_at":"2026-09-23 16:40:11","rating":"一般"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	surveys	surveys.csv	88	SV2026090000000087	invalid_value:rating	{"survey_id":"SV2026090000000087","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-96","surveyed_at":"2026-09-28 15:11:13","rating":"很好"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	123	CS2026090000000122	missing_value:store_id	{"consultation_id":"CS2026090000000122","store_id":null,"agent_id":"0010002","customer_id":"CUS001-540","channel":"微信","received_at":"2026-09-18 15:38:54","first_response_at":"2026-09-18 15:42:56","resolved_at":"2026-09-18 19:49:44"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	175	CS2026090000000174	invalid_value:received_at	{"consultation_id":"CS2026090000000174","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-746","channel":"微信","received_at":"2026-13-45 25:61","first_response_at":"2026-09-24 09:15:14","resolved_at":"2026-09-24 11:08:16"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	229	CS2026090000000228	duplicate_conflict	{"consultation_id":"CS2026090000000228","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-685","channel":"微信","received_at":"2026-09-27 15:38:44","first_response_at":"2026-09-27 15:39:44","resolved_at":"2026-09-27 18:52:54"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	230	CS2026090000000228	duplicate_conflict	{"consultation_id":"CS2026090000000228","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-685","channel":"微信","received_at":"2026-09-27 15:38:44","first_response_at":"2026-09-27 15:39:44","resolved_at":"2026-09-27 18:52:54"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	348	CS2026090000000346	time_order	{"consultation_id":"CS2026090000000346","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-737","channel":"电话","received_at":"2026-09-01 08:00:00","first_response_at":"2026-09-01 00:00:00","resolved_at":"2026-09-27 17:50:41"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	507	CS2026090000000505	unknown_agent	{"consultation_id":"CS2026090000000505","store_id":"S001","agent_id":"99999","customer_id":"CUS001-778","channel":"电话","received_at":"2026-09-22 08:50:05","first_response_at":"2026-09-22 08:52:41","resolved_at":"2026-09-22 17:09:50"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	637	CS2026090000000635	agent_not_active	{"consultation_id":"CS2026090000000635","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-219","channel":"微信","received_at":"2026-09-14 11:37:34","first_response_at":"2026-09-14 11:38:42","resolved_at":"2026-09-14 14:11:59"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	883	CS2026090000000880	missing_value:store_id	{"consultation_id":"CS2026090000000880","store_id":null,"agent_id":"0010002","customer_id":"CUS001-658","channel":"电话","received_at":"2026-09-17 11:18:30","first_response_at":"2026-09-17 11:19:04","resolved_at":"2026-09-17 14:13:25"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	884	CS2026090000000881	invalid_value:received_at	{"consultation_id":"CS2026090000000881","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-530","channel":"在线","received_at":"2026-13-45 25:61","first_response_at":"2026-09-30 18:46:36","resolved_at":"2026-10-01 08:42:10"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	944	CS2026090000000941	duplicate_conflict	{"consultation_id":"CS2026090000000941","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-603","channel":"电话","received_at":"2026-09-10 08:43:10","first_response_at":"2026-09-10 08:49:27","resolved_at":"2026-09-10 10:58:15"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	945	CS2026090000000941	duplicate_conflict	{"consultation_id":"CS2026090000000941","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-603","channel":"电话","received_at":"2026-09-10 08:43:10","first_response_at":"2026-09-10 08:49:27","resolved_at":"2026-09-10 10:58:15"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	1003	CS2026090000000999	time_order	{"consultation_id":"CS2026090000000999","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-455","channel":"电话","received_at":"2026-09-01 08:00:00","first_response_at":"2026-09-01 00:00:00","resolved_at":"2026-09-13 02:30:15"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	1132	CS2026090000001128	unknown_agent	{"consultation_id":"CS2026090000001128","store_id":"S001","agent_id":"99999","customer_id":"CUS001-272","channel":"微信","received_at":"2026-09-03 12:25:27","first_response_at":"2026-09-03 12:31:39","resolved_at":"2026-09-03 14:16:15"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	1414	CS2026090000001410	agent_not_active	{"consultation_id":"CS2026090000001410","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-188","channel":"在线","received_at":"2026-09-25 18:40:28","first_response_at":"2026-09-25 18:44:48","resolved_at":"2026-09-25 22:29:29"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	1755	CS2026090000001750	missing_value:store_id	{"consultation_id":"CS2026090000001750","store_id":null,"agent_id":"0010003","customer_id":"CUS001-734","channel":"在线","received_at":"2026-09-22 17:35:54","first_response_at":"2026-09-22 17:38:21","resolved_at":"2026-09-23 15:15:12"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	1884	CS2026090000001879	invalid_value:received_at	{"consultation_id":"CS2026090000001879","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-195","channel":"微信","received_at":"2026-13-45 25:61","first_response_at":"2026-09-16 13:45:25","resolved_at":"2026-09-17 08:59:14"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	2110	CS2026090000002105	duplicate_conflict	{"consultation_id":"CS2026090000002105","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-232","channel":"电话","received_at":"2026-09-03 13:22:55","first_response_at":"2026-09-03 13:25:41","resolved_at":"2026-09-03 23:01:34"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	2111	CS2026090000002105	duplicate_conflict	{"consultation_id":"CS2026090000002105","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-232","channel":"电话","received_at":"2026-09-03 13:22:55","first_response_at":"2026-09-03 13:25:41","resolved_at":"2026-09-03 23:01:34"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	2130	CS2026090000002124	time_order	{"consultation_id":"CS2026090000002124","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-538","channel":"微信","received_at":"2026-09-01 08:00:00","first_response_at":"2026-09-01 00:00:00","resolved_at":"2026-09-02 17:00:32"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	2145	CS2026090000002139	unknown_agent	{"consultation_id":"CS2026090000002139","store_id":"S001","agent_id":"99999","customer_id":"CUS001-784","channel":"微信","received_at":"2026-09-09 19:44:16","first_response_at":"2026-09-09 19:46:41","resolved_at":"2026-09-10 04:12:00"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	2176	CS2026090000002170	agent_not_active	{"consultation_id":"CS2026090000002170","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-221","channel":"微信","received_at":"2026-09-08 10:09:49","first_response_at":"2026-09-08 10:11:28","resolved_at":"2026-09-08 13:22:03"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	2340	CS2026090000002333	missing_value:store_id	{"consultation_id":"CS2026090000002333","store_id":null,"agent_id":"0010003","customer_id":"CUS001-274","channel":"在线","received_at":"2026-09-15 11:23:25","first_response_at":"2026-09-15 11:24:03","resolved_at":"2026-09-15 19:08:05"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	2429	CS2026090000002422	invalid_value:received_at	{"consultation_id":"CS2026090000002422","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-282","channel":"电话","received_at":"2026-13-45 25:61","first_response_at":"2026-09-17 13:59:58","resolved_at":"2026-09-18 06:47:24"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	2459	CS2026090000002452	duplicate_conflict	{"consultation_id":"CS2026090000002452","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-42","channel":"电话","received_at":"2026-09-09 17:26:56","first_response_at":"2026-09-09 17:27:58","resolved_at":"2026-09-09 20:09:23"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	2460	CS2026090000002452	duplicate_conflict	{"consultation_id":"CS2026090000002452","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-42","channel":"电话","received_at":"2026-09-09 17:26:56","first_response_at":"2026-09-09 17:27:58","resolved_at":"2026-09-09 20:09:23"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	2644	CS2026090000002636	time_order	{"consultation_id":"CS2026090000002636","store_id":"S001","agent_id":"0010003","customer_id":null,"channel":"到店","received_at":"2026-09-01 08:00:00","first_response_at":"2026-09-01 00:00:00","resolved_at":"2026-09-04 02:39:23"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	2673	CS2026090000002665	unknown_agent	{"consultation_id":"CS2026090000002665","store_id":"S001","agent_id":"99999","customer_id":"CUS001-770","channel":"电话","received_at":"2026-09-28 16:34:20","first_response_at":"2026-09-28 16:35:56","resolved_at":"2026-09-28 19:29:06"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	appeals	appeals.csv	3	AP2026099998	missing_value:reason	{"appeal_id":"AP2026099998","agent_id":"0010002","month":"2026-09","feedback_on":"2026-10-03","filed_on":"2026-10-06","kind":"void_record","record_type":"reception","record_id":"RC2026090000000000","score_delta":null,"reason":null,"status":"rejected","decided_by":"客服经理","decided_on":"2026-10-08"}	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	appeals	appeals.csv	4	AP2026099999	invalid_value:kind	{"appeal_id":"AP2026099999","agent_id":"0010002","month":"2026-09","feedback_on":"2026-10-03","filed_on":"2026-10-04","kind":"bonus","record_type":null,"record_id":null,"score_delta":"5","reason":"主管复核加分","status":"rejected","decided_by":"客服经理","decided_on":"2026-10-08"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	receptions	receptions.csv	61	RC2026080000000060	missing_value:store_id	{"reception_id":"RC2026080000000060","store_id":null,"agent_id":"0010002","customer_id":"CUS001-32","received_at":"2026/8/12 18:08"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	receptions	receptions.csv	121	RC2026080000000120	invalid_value:received_at	{"reception_id":"RC2026080000000120","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-372","received_at":"2026-13-45 25:61"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	receptions	receptions.csv	449	RC2026080000000448	duplicate_conflict	{"reception_id":"RC2026080000000448","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-542","received_at":"2026/8/3 18:00"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	receptions	receptions.csv	450	RC2026080000000448	duplicate_conflict	{"reception_id":"RC2026080000000448","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-542","received_at":"2026/8/3 18:00"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	receptions	receptions.csv	455	RC2026080000000453	unknown_agent	{"reception_id":"RC2026080000000453","store_id":"S001","agent_id":"99999","customer_id":"CUS001-587","received_at":"2026/8/23 9:22"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	receptions	receptions.csv	621	RC2026080000000619	agent_not_active	{"reception_id":"RC2026080000000619","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-794","received_at":"2026/8/30 14:41"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	receptions	receptions.csv	931	RC2026080000000928	missing_value:received_at	{"reception_id":"RC2026080000000928","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-323","received_at":null}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	receptions	receptions.csv	984	RC2026080000000981	invalid_value:received_at	{"reception_id":"RC2026080000000981","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-148","received_at":"2026-13-45 25:61"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	receptions	receptions.csv	1058	RC2026080000001055	duplicate_conflict	{"reception_id":"RC2026080000001055","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-530","received_at":"2026/8/4 13:35"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	receptions	receptions.csv	1059	RC2026080000001055	duplicate_conflict	{"reception_id":"RC2026080000001055","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-530","received_at":"2026/8/4 13:35"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	receptions	receptions.csv	1118	RC2026080000001114	unknown_agent	{"reception_id":"RC2026080000001114","store_id":"S001","agent_id":"99999","customer_id":"CUS001-95","received_at":"2026/8/1 14:45"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	receptions	receptions.csv	1214	RC2026080000001210	agent_not_active	{"reception_id":"RC2026080000001210","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-518","received_at":"2026/8/29 9:08"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	surveys	surveys.xlsx	75	SV2026080000000074	missing_value:store_id	{"survey_id":"SV2026080000000074","store_id":null,"agent_id":"0010002","customer_id":"CUS001-253","surveyed_at":"2026-08-03 18:32:00","rating":"滿意"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	surveys	surveys.xlsx	252	SV2026080000000251	invalid_value:rating	{"survey_id":"SV2026080000000251","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-768","surveyed_at":"2026-08-06 19:01:00","rating":"很好"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	surveys	surveys.xlsx	261	SV2026080000000260	duplicate_conflict	{"survey_id":"SV2026080000000260","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-137","surveyed_at":"2026-08-18 09:10:00","rating":"滿意"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	surveys	surveys.xlsx	262	SV2026080000000260	duplicate_conflict	{"survey_id":"SV2026080000000260","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-137","surveyed_at":"2026-08-18 09:10:00","rating":"滿意"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	164	CS2026080000000163	missing_value:store_id	{"consultation_id":"CS2026080000000163","store_id":null,"agent_id":"0010002","customer_id":"CUS001-162","channel":"phone","received_at":"2026/8/3 9:13","first_response_at":"2026/8/3 9:21","resolved_at":"2026/8/4 4:47"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	200	CS2026080000000199	invalid_value:received_at	{"consultation_id":"CS2026080000000199","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-259","channel":"wechat","received_at":"2026-13-45 25:61","first_response_at":"2026/8/4 20:02","resolved_at":"2026/8/4 22:01"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	218	CS2026080000000217	duplicate_conflict	{"consultation_id":"CS2026080000000217","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-229","channel":"phone","received_at":"2026/8/13 13:06","first_response_at":"2026/8/13 13:08","resolved_at":"2026/8/13 18:54"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	219	CS2026080000000217	duplicate_conflict	{"consultation_id":"CS2026080000000217","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-229","channel":"phone","received_at":"2026/8/13 13:06","first_response_at":"2026/8/13 13:08","resolved_at":"2026/8/13 18:54"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	258	CS2026080000000256	time_order	{"consultation_id":"CS2026080000000256","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-134","channel":"online","received_at":"2026-08-01 08:00:00","first_response_at":"2026-08-01 00:00:00","resolved_at":"2026/8/28 15:11"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	279	CS2026080000000277	unknown_agent	{"consultation_id":"CS2026080000000277","store_id":"S001","agent_id":"99999","customer_id":"CUS001-450","channel":"walk_in","received_at":"2026/8/29 13:46","first_response_at":"2026/8/29 13:47","resolved_at":"2026/8/30 0:58"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	578	CS2026080000000576	agent_not_active	{"consultation_id":"CS2026080000000576","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-316","channel":"phone","received_at":"2026/8/26 15:46","first_response_at":"2026/8/26 15:55","resolved_at":"2026/8/27 3:34"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	826	CS2026080000000823	missing_value:store_id	{"consultation_id":"CS2026080000000823","store_id":null,"agent_id":"0010002","customer_id":"CUS001-95","channel":"wechat","received_at":"2026/8/7 14:52","first_response_at":"2026/8/7 14:54","resolved_at":"2026/8/7 16:49"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	977	CS2026080000000974	invalid_value:received_at	{"consultation_id":"CS2026080000000974","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-725","channel":"walk_in","received_at":"2026-13-45 25:61","first_response_at":"2026/8/28 12:57","resolved_at":"2026/8/28 14:36"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	1008	CS2026080000001005	duplicate_conflict	{"consultation_id":"CS2026080000001005","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-744","channel":"phone","received_at":"2026/8/1 11:59","first_response_at":"2026/8/1 12:01","resolved_at":"2026/8/1 16:08"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	1009	CS2026080000001005	duplicate_conflict	{"consultation_id":"CS2026080000001005","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-744","channel":"phone","received_at":"2026/8/1 11:59","first_response_at":"2026/8/1 12:01","resolved_at":"2026/8/1 16:08"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	receptions	receptions.xlsx	337	RC2026100000000335	unknown_agent	{"reception_id":"RC2026100000000335","store_id":"S001","agent_id":"99999","customer_id":"CUS001-508","received_at":"2026-10-10 10:26:34"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	1087	CS2026080000001083	time_order	{"consultation_id":"CS2026080000001083","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-229","channel":"wechat","received_at":"2026-08-01 08:00:00","first_response_at":"2026-08-01 00:00:00","resolved_at":"2026/8/21 11:01"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	1101	CS2026080000001097	unknown_agent	{"consultation_id":"CS2026080000001097","store_id":"S001","agent_id":"99999","customer_id":"CUS001-102","channel":"phone","received_at":"2026/8/9 12:27","first_response_at":"2026/8/9 12:35","resolved_at":"2026/8/9 14:22"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	1162	CS2026080000001158	agent_not_active	{"consultation_id":"CS2026080000001158","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-410","channel":"wechat","received_at":"2026/8/5 10:44","first_response_at":"2026/8/5 10:54","resolved_at":"2026/8/5 18:02"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	1563	CS2026080000001558	missing_value:store_id	{"consultation_id":"CS2026080000001558","store_id":null,"agent_id":"0010003","customer_id":"CUS001-247","channel":"wechat","received_at":"2026/8/3 15:33","first_response_at":"2026/8/3 15:56","resolved_at":"2026/8/3 20:33"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	1910	CS2026080000001905	invalid_value:received_at	{"consultation_id":"CS2026080000001905","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-166","channel":"walk_in","received_at":"2026-13-45 25:61","first_response_at":"2026/8/17 17:38","resolved_at":"2026/8/18 20:25"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	1953	CS2026080000001948	duplicate_conflict	{"consultation_id":"CS2026080000001948","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-454","channel":"online","received_at":"2026/8/25 19:43","first_response_at":"2026/8/25 19:45","resolved_at":"2026/8/26 0:16"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	1954	CS2026080000001948	duplicate_conflict	{"consultation_id":"CS2026080000001948","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-454","channel":"online","received_at":"2026/8/25 19:43","first_response_at":"2026/8/25 19:45","resolved_at":"2026/8/26 0:16"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	1978	CS2026080000001972	time_order	{"consultation_id":"CS2026080000001972","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-695","channel":"phone","received_at":"2026-08-01 08:00:00","first_response_at":"2026-08-01 00:00:00","resolved_at":"2026/8/3 21:34"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	2086	CS2026080000002080	unknown_agent	{"consultation_id":"CS2026080000002080","store_id":"S001","agent_id":"99999","customer_id":"CUS001-369","channel":"walk_in","received_at":"2026/8/17 12:30","first_response_at":"2026/8/17 12:34","resolved_at":"2026/8/18 10:02"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	2312	CS2026080000002306	agent_not_active	{"consultation_id":"CS2026080000002306","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-268","channel":"online","received_at":"2026/8/6 16:09","first_response_at":"2026/8/6 16:17","resolved_at":"2026/8/8 5:31"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	2504	CS2026080000002497	missing_value:store_id	{"consultation_id":"CS2026080000002497","store_id":null,"agent_id":"0010003","customer_id":"CUS001-82","channel":"wechat","received_at":"2026/8/14 18:07","first_response_at":"2026/8/14 18:14","resolved_at":"2026/8/14 21:28"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	2537	CS2026080000002530	invalid_value:received_at	{"consultation_id":"CS2026080000002530","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-131","channel":"online","received_at":"2026-13-45 25:61","first_response_at":"2026/8/17 8:50","resolved_at":"2026/8/17 15:29"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	2539	CS2026080000002532	duplicate_conflict	{"consultation_id":"CS2026080000002532","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-691","channel":"wechat","received_at":"2026/8/6 11:33","first_response_at":"2026/8/6 11:35","resolved_at":"2026/8/6 15:24"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	2540	CS2026080000002532	duplicate_conflict	{"consultation_id":"CS2026080000002532","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-691","channel":"wechat","received_at":"2026/8/6 11:33","first_response_at":"2026/8/6 11:35","resolved_at":"2026/8/6 15:24"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	2564	CS2026080000002556	time_order	{"consultation_id":"CS2026080000002556","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-231","channel":"other","received_at":"2026-08-01 08:00:00","first_response_at":"2026-08-01 00:00:00","resolved_at":"2026/8/15 15:37"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	2581	CS2026080000002573	unknown_agent	{"consultation_id":"CS2026080000002573","store_id":"S001","agent_id":"99999","customer_id":"CUS001-184","channel":"online","received_at":"2026/8/14 17:50","first_response_at":"2026/8/14 18:01","resolved_at":"2026/8/14 20:19"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	appeals	appeals.csv	3	AP2026089998	missing_value:reason	{"appeal_id":"AP2026089998","agent_id":"0010002","month":"2026-08","feedback_on":"2026-09-03","filed_on":"2026-09-06","kind":"void_record","record_type":"complaint","record_id":"CP2026080000000000","score_delta":null,"reason":null,"status":"rejected","decided_by":"客服经理","decided_on":"2026-09-08"}	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	appeals	appeals.csv	4	AP2026089999	invalid_value:kind	{"appeal_id":"AP2026089999","agent_id":"0010002","month":"2026-08","feedback_on":"2026-09-03","filed_on":"2026-09-04","kind":"bonus","record_type":null,"record_id":null,"score_delta":"3.25","reason":"主管复核加分","status":"approved","decided_by":"客服经理","decided_on":"2026-09-08"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	receptions	receptions.xlsx	42	RC2026100000000041	missing_value:store_id	{"reception_id":"RC2026100000000041","store_id":null,"agent_id":"0010002","customer_id":"CUS001-205","received_at":"2026-10-12 19:29:11"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	receptions	receptions.xlsx	53	RC2026100000000052	invalid_value:received_at	{"reception_id":"RC2026100000000052","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-798","received_at":"2026-13-45 25:61"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	receptions	receptions.xlsx	204	RC2026100000000203	duplicate_conflict	{"reception_id":"RC2026100000000203","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-158","received_at":"2026-10-28 13:00:51"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	receptions	receptions.xlsx	205	RC2026100000000203	duplicate_conflict	{"reception_id":"RC2026100000000203","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-158","received_at":"2026-10-28 13:00:51"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	receptions	receptions.xlsx	749	RC2026100000000747	agent_not_active	{"reception_id":"RC2026100000000747","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-384","received_at":"2026-10-01 18:58:18"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	receptions	receptions.xlsx	1044	RC2026100000001041	missing_value:received_at	{"reception_id":"RC2026100000001041","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-558","received_at":null}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	receptions	receptions.xlsx	1124	RC2026100000001121	invalid_value:received_at	{"reception_id":"RC2026100000001121","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-553","received_at":"2026-13-45 25:61"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	receptions	receptions.xlsx	1200	RC2026100000001197	duplicate_conflict	{"reception_id":"RC2026100000001197","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-527","received_at":"2026-10-13 08:47:43"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	receptions	receptions.xlsx	1201	RC2026100000001197	duplicate_conflict	{"reception_id":"RC2026100000001197","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-527","received_at":"2026-10-13 08:47:43"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	receptions	receptions.xlsx	1259	RC2026100000001255	unknown_agent	{"reception_id":"RC2026100000001255","store_id":"S001","agent_id":"99999","customer_id":"CUS001-300","received_at":"2026-10-23 18:22:00"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	receptions	receptions.xlsx	1313	RC2026100000001309	agent_not_active	{"reception_id":"RC2026100000001309","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-170","received_at":"2026-10-27 08:32:29"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	surveys	surveys.csv	96	SV2026100000000095	missing_value:store_id	{"survey_id":"SV2026100000000095","store_id":null,"agent_id":"0010002","customer_id":"CUS001-360","surveyed_at":"2026/10/27 17:52","rating":"4"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	surveys	surveys.csv	135	SV2026100000000134	invalid_value:rating	{"survey_id":"SV2026100000000134","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-190","surveyed_at":"2026/10/12 18:20","rating":"很好"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	170	CS2026100000000169	missing_value:store_id	{"consultation_id":"CS2026100000000169","store_id":null,"agent_id":"0010002","customer_id":null,"channel":"到店","received_at":"2026-10-04 15:16:58","first_response_at":"2026-10-04 15:21:34","resolved_at":"2026-10-04 22:19:12"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	176	CS2026100000000175	invalid_value:received_at	{"consultation_id":"CS2026100000000175","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-128","channel":"电话","received_at":"2026-13-45 25:61","first_response_at":"2026-10-09 18:56:04","resolved_at":"2026-10-09 21:33:36"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	202	CS2026100000000201	duplicate_conflict	{"consultation_id":"CS2026100000000201","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-678","channel":"电话","received_at":"2026-10-03 13:05:46","first_response_at":"2026-10-03 13:10:05","resolved_at":null}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	203	CS2026100000000201	duplicate_conflict	{"consultation_id":"CS2026100000000201","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-678","channel":"电话","received_at":"2026-10-03 13:05:46","first_response_at":"2026-10-03 13:10:05","resolved_at":null}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	805	CS2026100000000803	time_order	{"consultation_id":"CS2026100000000803","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-486","channel":"电话","received_at":"2026-10-01 08:00:00","first_response_at":"2026-10-01 00:00:00","resolved_at":"2026-10-16 15:27:00"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	817	CS2026100000000815	unknown_agent	{"consultation_id":"CS2026100000000815","store_id":"S001","agent_id":"99999","customer_id":"CUS001-269","channel":"电话","received_at":"2026-10-27 16:03:41","first_response_at":"2026-10-27 16:05:52","resolved_at":"2026-10-27 21:25:28"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	885	CS2026100000000883	agent_not_active	{"consultation_id":"CS2026100000000883","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-489","channel":"电话","received_at":"2026-10-26 08:27:43","first_response_at":"2026-10-26 08:32:49","resolved_at":"2026-10-26 12:03:13"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	1170	CS2026100000001167	missing_value:store_id	{"consultation_id":"CS2026100000001167","store_id":null,"agent_id":"0010002","customer_id":"CUS001-663","channel":"电话","received_at":"2026-10-22 08:35:49","first_response_at":"2026-10-22 08:38:44","resolved_at":"2026-10-22 14:24:44"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	1305	CS2026100000001302	invalid_value:received_at	{"consultation_id":"CS2026100000001302","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-300","channel":"在线","received_at":"2026-13-45 25:61","first_response_at":"2026-10-13 10:59:00","resolved_at":"2026-10-13 12:00:21"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	1520	CS2026100000001517	duplicate_conflict	{"consultation_id":"CS2026100000001517","store_id":"S001","agent_id":"0010003","customer_id":null,"channel":"电话","received_at":"2026-10-05 15:11:56","first_response_at":"2026-10-05 15:15:20","resolved_at":"2026-10-05 19:04:42"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	1521	CS2026100000001517	duplicate_conflict	{"consultation_id":"CS2026100000001517","store_id":"S001X","agent_id":"0010003","customer_id":null,"channel":"电话","received_at":"2026-10-05 15:11:56","first_response_at":"2026-10-05 15:15:20","resolved_at":"2026-10-05 19:04:42"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	1550	CS2026100000001546	time_order	{"consultation_id":"CS2026100000001546","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-364","channel":"电话","received_at":"2026-10-01 08:00:00","first_response_at":"2026-10-01 00:00:00","resolved_at":"2026-10-11 15:31:07"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	1658	CS2026100000001654	unknown_agent	{"consultation_id":"CS2026100000001654","store_id":"S001","agent_id":"99999","customer_id":"CUS001-331","channel":"微信","received_at":"2026-10-16 14:19:45","first_response_at":"2026-10-16 14:26:52","resolved_at":"2026-10-16 19:02:35"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	1697	CS2026100000001693	agent_not_active	{"consultation_id":"CS2026100000001693","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-117","channel":"电话","received_at":"2026-10-18 10:08:11","first_response_at":"2026-10-18 10:13:57","resolved_at":"2026-10-18 18:16:53"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	1964	CS2026100000001959	missing_value:store_id	{"consultation_id":"CS2026100000001959","store_id":null,"agent_id":"0010003","customer_id":"CUS001-431","channel":"微信","received_at":"2026-10-01 16:15:27","first_response_at":"2026-10-01 16:24:05","resolved_at":"2026-10-01 21:30:36"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	2107	CS2026100000002102	invalid_value:received_at	{"consultation_id":"CS2026100000002102","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-759","channel":"微信","received_at":"2026-13-45 25:61","first_response_at":"2026-10-05 13:57:22","resolved_at":"2026-10-05 15:26:06"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	2146	CS2026100000002141	duplicate_conflict	{"consultation_id":"CS2026100000002141","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-745","channel":"电话","received_at":"2026-10-20 09:43:17","first_response_at":"2026-10-20 09:47:17","resolved_at":"2026-10-20 12:03:06"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	2147	CS2026100000002141	duplicate_conflict	{"consultation_id":"CS2026100000002141","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-745","channel":"电话","received_at":"2026-10-20 09:43:17","first_response_at":"2026-10-20 09:47:17","resolved_at":"2026-10-20 12:03:06"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	2173	CS2026100000002167	time_order	{"consultation_id":"CS2026100000002167","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-354","channel":"微信","received_at":"2026-10-01 08:00:00","first_response_at":"2026-10-01 00:00:00","resolved_at":"2026-10-05 01:31:40"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	2196	CS2026100000002190	unknown_agent	{"consultation_id":"CS2026100000002190","store_id":"S001","agent_id":"99999","customer_id":"CUS001-27","channel":"微信","received_at":"2026-10-18 12:39:29","first_response_at":"2026-10-18 12:48:17","resolved_at":"2026-10-19 02:53:54"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	2301	CS2026100000002295	agent_not_active	{"consultation_id":"CS2026100000002295","store_id":"S001","agent_id":"0010001","customer_id":null,"channel":"电话","received_at":"2026-10-17 09:27:54","first_response_at":"2026-10-17 09:29:23","resolved_at":"2026-10-17 14:00:02"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	2563	CS2026100000002556	missing_value:store_id	{"consultation_id":"CS2026100000002556","store_id":null,"agent_id":"0010003","customer_id":"CUS001-568","channel":"电话","received_at":"2026-10-07 17:48:57","first_response_at":"2026-10-07 17:56:37","resolved_at":"2026-10-07 22:49:24"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	2661	CS2026100000002654	invalid_value:received_at	{"consultation_id":"CS2026100000002654","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-46","channel":"电话","received_at":"2026-13-45 25:61","first_response_at":"2026-10-20 16:12:08","resolved_at":"2026-10-20 16:57:29"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	2688	CS2026100000002681	duplicate_conflict	{"consultation_id":"CS2026100000002681","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-647","channel":"电话","received_at":"2026-10-12 17:20:38","first_response_at":"2026-10-12 17:33:26","resolved_at":"2026-10-13 00:59:26"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	2689	CS2026100000002681	duplicate_conflict	{"consultation_id":"CS2026100000002681","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-647","channel":"电话","received_at":"2026-10-12 17:20:38","first_response_at":"2026-10-12 17:33:26","resolved_at":"2026-10-13 00:59:26"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	2753	CS2026100000002745	time_order	{"consultation_id":"CS2026100000002745","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-435","channel":"电话","received_at":"2026-10-01 08:00:00","first_response_at":"2026-10-01 00:00:00","resolved_at":"2026-10-20 12:41:08"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	2933	CS2026100000002925	unknown_agent	{"consultation_id":"CS2026100000002925","store_id":"S001","agent_id":"99999","customer_id":"CUS001-390","channel":"微信","received_at":"2026-10-11 10:06:41","first_response_at":"2026-10-11 10:13:49","resolved_at":"2026-10-11 16:42:19"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	2997	CS2026100000002989	agent_not_active	{"consultation_id":"CS2026100000002989","store_id":"S001","agent_id":"0010001","customer_id":null,"channel":"在线","received_at":"2026-10-16 09:04:20","first_response_at":"2026-10-16 09:08:27","resolved_at":"2026-10-16 12:15:23"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	appeals	appeals.csv	3	AP2026109998	missing_value:reason	{"appeal_id":"AP2026109998","agent_id":"0010003","month":"2026-10","feedback_on":"2026-11-03","filed_on":"2026-11-04","kind":"void_record","record_type":"reception","record_id":"RC2026100000000743","score_delta":null,"reason":null,"status":"approved","decided_by":"客服经理","decided_on":"2026-11-08"}	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	appeals	appeals.csv	4	AP2026109999	invalid_value:kind	{"appeal_id":"AP2026109999","agent_id":"0010003","month":"2026-10","feedback_on":"2026-11-03","filed_on":"2026-11-15","kind":"bonus","record_type":null,"record_id":null,"score_delta":"-1.5","reason":"主管复核加分","status":"approved","decided_by":"客服经理","decided_on":"2026-11-08"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	receptions	receptions.csv	37	RC2026110000000036	missing_value:store_id	{"reception_id":"RC2026110000000036","store_id":null,"agent_id":"0010002","customer_id":"CUS001-460","received_at":"2026/11/10 9:22"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	receptions	receptions.csv	183	RC2026110000000182	invalid_value:received_at	{"reception_id":"RC2026110000000182","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-607","received_at":"2026-13-45 25:61"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	receptions	receptions.csv	454	RC2026110000000453	duplicate_conflict	{"reception_id":"RC2026110000000453","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-483","received_at":"2026/11/30 10:50"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	receptions	receptions.csv	455	RC2026110000000453	duplicate_conflict	{"reception_id":"RC2026110000000453","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-483","received_at":"2026/11/30 10:50"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	receptions	receptions.csv	504	RC2026110000000502	unknown_agent	{"reception_id":"RC2026110000000502","store_id":"S001","agent_id":"99999","customer_id":"CUS001-778","received_at":"2026/11/29 8:03"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	receptions	receptions.csv	662	RC2026110000000660	agent_not_active	{"reception_id":"RC2026110000000660","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-373","received_at":"2026/11/9 14:13"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	receptions	receptions.csv	811	RC2026110000000808	missing_value:received_at	{"reception_id":"RC2026110000000808","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-528","received_at":null}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	receptions	receptions.csv	860	RC2026110000000857	invalid_value:received_at	{"reception_id":"RC2026110000000857","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-20","received_at":"2026-13-45 25:61"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	receptions	receptions.csv	922	RC2026110000000919	duplicate_conflict	{"reception_id":"RC2026110000000919","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-203","received_at":"2026/11/28 12:11"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	receptions	receptions.csv	923	RC2026110000000919	duplicate_conflict	{"reception_id":"RC2026110000000919","store_id":"S001X","agent_id":"0010003","customer_id":"CUS001-203","received_at":"2026/11/28 12:11"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	receptions	receptions.csv	1143	RC2026110000001139	unknown_agent	{"reception_id":"RC2026110000001139","store_id":"S001","agent_id":"99999","customer_id":"CUS001-94","received_at":"2026/11/19 8:11"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	receptions	receptions.csv	1166	RC2026110000001162	agent_not_active	{"reception_id":"RC2026110000001162","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-252","received_at":"2026/11/2 16:36"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	surveys	surveys.csv	92	SV2026110000000091	missing_value:store_id	{"survey_id":"SV2026110000000091","store_id":null,"agent_id":"0010002","customer_id":"CUS001-714","surveyed_at":"2026-11-10 11:58:15","rating":"5"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	surveys	surveys.csv	104	SV2026110000000103	invalid_value:rating	{"survey_id":"SV2026110000000103","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-636","surveyed_at":"2026-11-24 12:10:28","rating":"很好"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	185	CS2026110000000184	missing_value:store_id	{"consultation_id":"CS2026110000000184","store_id":null,"agent_id":"0010002","customer_id":"CUS001-618","channel":"phone","received_at":"2026-11-11 11:18:00","first_response_at":"2026-11-11 11:23:00","resolved_at":"2026-11-11 19:02:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	222	CS2026110000000221	invalid_value:received_at	{"consultation_id":"CS2026110000000221","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-96","channel":"wechat","received_at":"2026-13-45 25:61","first_response_at":"2026-11-02 10:33:00","resolved_at":"2026-11-02 23:55:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	237	CS2026110000000236	duplicate_conflict	{"consultation_id":"CS2026110000000236","store_id":"S001","agent_id":"0010002","customer_id":null,"channel":"wechat","received_at":"2026-11-30 12:59:00","first_response_at":"2026-11-30 13:04:00","resolved_at":"2026-11-30 14:02:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	238	CS2026110000000236	duplicate_conflict	{"consultation_id":"CS2026110000000236","store_id":"S001X","agent_id":"0010002","customer_id":null,"channel":"wechat","received_at":"2026-11-30 12:59:00","first_response_at":"2026-11-30 13:04:00","resolved_at":"2026-11-30 14:02:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	289	CS2026110000000287	time_order	{"consultation_id":"CS2026110000000287","store_id":"S001","agent_id":"0010002","customer_id":null,"channel":"online","received_at":"2026-11-01 08:00:00","first_response_at":"2026-11-01 00:00:00","resolved_at":"2026-11-16 23:00:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	351	CS2026110000000349	unknown_agent	{"consultation_id":"CS2026110000000349","store_id":"S001","agent_id":"99999","customer_id":"CUS001-216","channel":"phone","received_at":"2026-11-23 18:27:00","first_response_at":"2026-11-23 18:53:00","resolved_at":"2026-11-24 03:53:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	395	CS2026110000000393	agent_not_active	{"consultation_id":"CS2026110000000393","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-279","channel":"wechat","received_at":"2026-11-06 12:02:00","first_response_at":"2026-11-06 12:10:00","resolved_at":null}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	884	CS2026110000000881	missing_value:store_id	{"consultation_id":"CS2026110000000881","store_id":null,"agent_id":"0010002","customer_id":"CUS001-52","channel":"online","received_at":"2026-11-03 10:32:00","first_response_at":"2026-11-03 10:34:00","resolved_at":"2026-11-04 06:11:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	991	CS2026110000000988	invalid_value:received_at	{"consultation_id":"CS2026110000000988","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-771","channel":"wechat","received_at":"2026-13-45 25:61","first_response_at":"2026-11-13 18:56:00","resolved_at":"2026-11-13 20:17:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	1209	CS2026110000001206	duplicate_conflict	{"consultation_id":"CS2026110000001206","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-522","channel":"online","received_at":"2026-11-15 16:36:00","first_response_at":"2026-11-15 16:44:00","resolved_at":"2026-11-15 23:44:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	1210	CS2026110000001206	duplicate_conflict	{"consultation_id":"CS2026110000001206","store_id":"S001X","agent_id":"0010002","customer_id":"CUS001-522","channel":"online","received_at":"2026-11-15 16:36:00","first_response_at":"2026-11-15 16:44:00","resolved_at":"2026-11-15 23:44:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	1433	CS2026110000001429	time_order	{"consultation_id":"CS2026110000001429","store_id":"S001","agent_id":"0010002","customer_id":"CUS001-456","channel":"wechat","received_at":"2026-11-01 08:00:00","first_response_at":"2026-11-01 00:00:00","resolved_at":"2026-11-12 13:38:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	1497	CS2026110000001493	unknown_agent	{"consultation_id":"CS2026110000001493","store_id":"S001","agent_id":"99999","customer_id":"CUS001-180","channel":"wechat","received_at":"2026-11-28 10:17:00","first_response_at":"2026-11-28 10:21:00","resolved_at":"2026-11-28 11:55:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	1654	CS2026110000001650	agent_not_active	{"consultation_id":"CS2026110000001650","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-659","channel":"other","received_at":"2026-11-09 15:41:00","first_response_at":"2026-11-09 15:50:00","resolved_at":"2026-11-09 18:55:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	1806	CS2026110000001801	missing_value:store_id	{"consultation_id":"CS2026110000001801","store_id":null,"agent_id":"0010003","customer_id":"CUS001-635","channel":"phone","received_at":"2026-11-10 10:10:00","first_response_at":"2026-11-10 10:14:00","resolved_at":"2026-11-10 22:42:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	1845	CS2026110000001840	invalid_value:received_at	{"consultation_id":"CS2026110000001840","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-72","channel":"wechat","received_at":"2026-13-45 25:61","first_response_at":null,"resolved_at":"2026-11-16 23:41:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	2024	CS2026110000002019	duplicate_conflict	{"consultation_id":"CS2026110000002019","store_id":"S001","agent_id":"0010003","customer_id":null,"channel":"wechat","received_at":"2026-11-13 18:16:00","first_response_at":"2026-11-13 18:22:00","resolved_at":"2026-11-13 21:35:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	2025	CS2026110000002019	duplicate_conflict	{"consultation_id":"CS2026110000002019","store_id":"S001X","agent_id":"0010003","customer_id":null,"channel":"wechat","received_at":"2026-11-13 18:16:00","first_response_at":"2026-11-13 18:22:00","resolved_at":"2026-11-13 21:35:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	2027	CS2026110000002021	time_order	{"consultation_id":"CS2026110000002021","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-517","channel":"walk_in","received_at":"2026-11-01 08:00:00","first_response_at":"2026-11-01 00:00:00","resolved_at":"2026-11-23 13:09:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	2124	CS2026110000002118	unknown_agent	{"consultation_id":"CS2026110000002118","store_id":"S001","agent_id":"99999","customer_id":"CUS001-282","channel":"phone","received_at":"2026-11-25 09:00:00","first_response_at":null,"resolved_at":"2026-11-25 23:50:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	2201	CS2026110000002195	agent_not_active	{"consultation_id":"CS2026110000002195","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-147","channel":"walk_in","received_at":"2026-11-08 11:50:00","first_response_at":"2026-11-08 11:59:00","resolved_at":"2026-11-08 13:23:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	2657	CS2026110000002650	missing_value:store_id	{"consultation_id":"CS2026110000002650","store_id":null,"agent_id":"0010003","customer_id":"CUS001-421","channel":"walk_in","received_at":"2026-11-30 16:28:00","first_response_at":"2026-11-30 16:39:00","resolved_at":"2026-11-30 17:32:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	2749	CS2026110000002742	invalid_value:received_at	{"consultation_id":"CS2026110000002742","store_id":"S001","agent_id":"0010003","customer_id":"CUS001-730","channel":"wechat","received_at":"2026-13-45 25:61","first_response_at":"2026-11-24 11:16:00","resolved_at":"2026-11-24 15:12:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	2779	CS2026110000002772	duplicate_conflict	{"consultation_id":"CS2026110000002772","store_id":"S001","agent_id":"0010003","customer_id":null,"channel":"phone","received_at":"2026-11-10 18:36:00","first_response_at":"2026-11-10 18:42:00","resolved_at":"2026-11-10 23:36:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	2780	CS2026110000002772	duplicate_conflict	{"consultation_id":"CS2026110000002772","store_id":"S001X","agent_id":"0010003","customer_id":null,"channel":"phone","received_at":"2026-11-10 18:36:00","first_response_at":"2026-11-10 18:42:00","resolved_at":"2026-11-10 23:36:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	2815	CS2026110000002807	time_order	{"consultation_id":"CS2026110000002807","store_id":"S001","agent_id":"0010003","customer_id":null,"channel":"online","received_at":"2026-11-01 08:00:00","first_response_at":"2026-11-01 00:00:00","resolved_at":"2026-11-14 18:59:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	2959	CS2026110000002951	unknown_agent	{"consultation_id":"CS2026110000002951","store_id":"S001","agent_id":"99999","customer_id":"CUS001-113","channel":"wechat","received_at":"2026-11-06 16:49:00","first_response_at":"2026-11-06 16:50:00","resolved_at":"2026-11-08 09:16:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	3019	CS2026110000003011	agent_not_active	{"consultation_id":"CS2026110000003011","store_id":"S001","agent_id":"0010001","customer_id":"CUS001-397","channel":"phone","received_at":"2026-11-19 12:49:00","first_response_at":"2026-11-19 12:58:00","resolved_at":"2026-11-19 21:55:00"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	appeals	appeals.csv	3	AP2026119998	missing_value:reason	{"appeal_id":"AP2026119998","agent_id":"0010002","month":"2026-11","feedback_on":"2026-12-03","filed_on":"2026-12-06","kind":"void_record","record_type":"survey","record_id":"SV2026110000000000","score_delta":null,"reason":null,"status":"approved","decided_by":"客服经理","decided_on":"2026-12-08"}	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	appeals	appeals.csv	4	AP2026119999	invalid_value:kind	{"appeal_id":"AP2026119999","agent_id":"0010002","month":"2026-11","feedback_on":"2026-12-03","filed_on":"2026-12-05","kind":"bonus","record_type":null,"record_id":null,"score_delta":"5","reason":"主管复核加分","status":"approved","decided_by":"客服经理","decided_on":"2026-12-08"}	\N
\.


--
-- Data for Name: kpi_roster_monthly; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_roster_monthly (month_start, period_start_on, period_end_on, agent_id, version, is_current, run_id, agent_name, store_id, team_id, hired_on, left_on, is_active) FROM stdin;
2026-10-01	2026-10-01	2026-10-31	0010001	1	t	f86731ba74d241f9b2110a81172ba7dc	林霞娜	S001	T1	2024-02-13	2026-06-22	f
2026-10-01	2026-10-01	2026-10-31	0010002	1	t	f86731ba74d241f9b2110a81172ba7dc	陈勇	S001	T1	\N	\N	t
2026-10-01	2026-10-01	2026-10-31	0010003	1	t	f86731ba74d241f9b2110a81172ba7dc	孙涛	S001	T2	2024-03-04	\N	t
2026-11-01	2026-11-01	2026-11-30	0010001	1	t	1a81a15735324737bbc616cf53c9d7b7	林霞娜	S001	T1	2024-02-13	2026-06-22	f
2026-11-01	2026-11-01	2026-11-30	0010002	1	t	1a81a15735324737bbc616cf53c9d7b7	陈勇	S001	T1	\N	\N	t
2026-11-01	2026-11-01	2026-11-30	0010003	1	t	1a81a15735324737bbc616cf53c9d7b7	孙涛	S001	T2	2024-03-04	\N	t
\.


--
-- Data for Name: kpi_run; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_run (run_id, month_start, status, version, fingerprint, scheme_version, code_version, started_at, finished_at, error, warnings, allow_rejects, data_docs, history_digest, flow_run_id, allow_incomplete) FROM stdin;
d861a34af6964413a27565bc08a6fdb5	2026-08-01	published	1	0bc99bf2644dd9c44c86985de2db64cd0ad8184ab99df350ef2acc094c508a7b	default-2026	0.1.0	2026-12-04 11:58:30.795664+00	2026-12-04 11:58:31.496356+00	\N	\N	f	\N	\N	\N	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	published	1	be931cb77bdccc83889ceb73abfa9a1574505fcc072b6c73dac7ed90a0df6741	default-2026	0.1.0	2026-12-04 11:58:31.50853+00	2026-12-04 11:58:32.013251+00	\N	\N	f	\N	\N	\N	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	published	2	eab866ed2e29ea83bd448592eb25bb3b6968855f70cb4c909077e339aecda2ed	fixture-raise	0.1.0	2026-12-04 11:59:38.638403+00	2026-12-04 11:59:40.70075+00	\N	published later months are now stale (run them again, or kpi backfill --from 2026-09): 2026-09	f	/tmp/kpi-fixtures-rlip4e2k/outputs-l3/docs/2026-08/db32f5f44b894b0492de63ee2f41fd70/index.html	4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945	ab517332-2582-4acd-9b5d-2acfee10c3b8	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	published	1	881a0c7ccf237e197a96579c63777086cd75ce286b52ba1e4f91bbe2b0d9497f	default-2026	0.1.0	2026-12-04 12:00:45.524173+00	2026-12-04 12:00:54.170071+00	\N	\N	f	/tmp/kpi-fixtures-rlip4e2k/outputs-l5/docs/2026-10/f86731ba74d241f9b2110a81172ba7dc/index.html	820a5bbdddb83b6534ce6955c15d48992cd0098a042674449199afd9e859ba45	a343a820-9c87-4f6e-b608-00e990b3219d	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	published	1	4a0e2639c83e840ee43db0b085642ff2dbaa85eca1483621d41a89c4cc3fd3bb	default-2026	0.1.0	2026-12-04 12:02:10.592419+00	2026-12-04 12:02:17.492867+00	\N	no mainland-China holiday data for 2027: working days (appeal deadlines, business-hours timeliness) are Monday-Friday (add the year's holidays to the scheme's appeals.extra_holidays / extra_working_days, or upgrade chinesecalendar)	f	/tmp/kpi-fixtures-rlip4e2k/outputs-l7/docs/2026-11/1a81a15735324737bbc616cf53c9d7b7/index.html	1aa86e388f34b8f964e35bc7ad8b64e2e334dce135f0d4a188bb0234d2818677	236ea36e-3aa1-4f34-b901-78907ce875e7	\N
\.


--
-- Data for Name: kpi_run_input; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_run_input (run_id, month_start, source, file_name, file_sha256, encoding, rows_read, rows_accepted, rows_rejected, rows_duplicate, rows_out_of_period, sheet, rows_skipped) FROM stdin;
d861a34af6964413a27565bc08a6fdb5	2026-08-01	agents	agents.csv	79a132becd0b013eb71b586633ed487529adff621df8cda88cd210da06c5b8c2	utf-8-sig	4	3	0	1	0	\N	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	receptions	receptions.csv	d7d4106dad7a491831024e010ebcc57a2cc86db50f66e55717232d23b61a4487	gb18030	1488	1472	12	2	2	\N	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	surveys	surveys.xlsx	2466142732516b99cf40399e59fb8e42f73a9dd03ead50df9aadcfe8df8ad019	xlsx	315	311	4	0	0	\N	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	complaints	complaints.xlsx	bfeadbd468bdceb477a371435fd5701f59989869cf43f85b31fe2b3a4c08efd6	xlsx	36	36	0	0	0	\N	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	purchases	purchases.xlsx	34fdcf204253a01ed95417865f3001abba79377dc59766d906ba8eb93a851227	xlsx	48	48	0	0	0	\N	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	consultations	consultations.csv	a544505cf597a676b79f1c65fd5a6c5568282eb509bfacb60eaee33adcbb332b	utf-8	2907	2874	27	3	3	\N	\N
d861a34af6964413a27565bc08a6fdb5	2026-08-01	appeals	appeals.csv	120b6d1ec635085e23661a4b5ef218e6f899354bdfbbf3c87143e25291cd512f	utf-8	4	2	2	0	0	\N	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	agents	agents.csv	27973d8b12dd367a4440157cff3ff531a2dae227c7c17d7166b4b6f2e25b2d18	utf-8	4	3	0	1	0	\N	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	receptions	receptions.csv	f2392e219b2765aa548fed1d2577fa5f2ce489f1a3d5b8bb11ae384f926d417c	utf-8	1436	1420	12	2	2	\N	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	surveys	surveys.csv	2c6d3aacac19901ffa3752987f62c551de7240ba1e0352a3c1681a7b72198be3	utf-8-sig	292	290	2	0	0	\N	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	complaints	complaints.xlsx	40fdfd35070be6e2659b1645a7efff2eed882645e4196ea791c500cc9e3c4503	xlsx	32	32	0	0	0	\N	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	purchases	purchases.xlsx	006f54ce80093c96dec30b5a345aadfff090e00ea3d65cd68d8d77306b14755d	xlsx	60	60	0	0	0	\N	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	consultations	consultations.xlsx	a04b01e2d43b6b8c03cd625b42e9dba9dc66b9fb9518d6ebe55cb5c20d2628ce	xlsx	2987	2954	27	3	3	\N	\N
bf99da663d0b47f59ef3899547e25ac7	2026-09-01	appeals	appeals.csv	e09b53149e5ce52dd91c198d385c6cc781ecbcb9d7f2d5378535f676049c5e1c	utf-8	4	2	2	0	0	\N	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	agents	agents.csv	79a132becd0b013eb71b586633ed487529adff621df8cda88cd210da06c5b8c2	utf-8-sig	4	3	0	1	0	\N	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	receptions	receptions.csv	d7d4106dad7a491831024e010ebcc57a2cc86db50f66e55717232d23b61a4487	gb18030	1488	1472	12	2	2	\N	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	surveys	surveys.xlsx	2466142732516b99cf40399e59fb8e42f73a9dd03ead50df9aadcfe8df8ad019	xlsx	315	311	4	0	0	\N	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	complaints	complaints.xlsx	bfeadbd468bdceb477a371435fd5701f59989869cf43f85b31fe2b3a4c08efd6	xlsx	36	36	0	0	0	\N	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	purchases	purchases.xlsx	34fdcf204253a01ed95417865f3001abba79377dc59766d906ba8eb93a851227	xlsx	48	48	0	0	0	\N	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	consultations	consultations.csv	a544505cf597a676b79f1c65fd5a6c5568282eb509bfacb60eaee33adcbb332b	utf-8	2907	2874	27	3	3	\N	\N
db32f5f44b894b0492de63ee2f41fd70	2026-08-01	appeals	appeals.csv	120b6d1ec635085e23661a4b5ef218e6f899354bdfbbf3c87143e25291cd512f	utf-8	4	2	2	0	0	\N	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	agents	agents.xlsx	5d3af29c252cdc17dfed7219ee89ee77af69b61178fdfd583ee6fe43bcef4bab	xlsx	4	3	0	1	0	\N	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	receptions	receptions.xlsx	079401635dca54a80da4e25558aca598a6e0826be2954a25851de81b6673c709	xlsx	1490	1474	12	2	2	\N	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	surveys	surveys.csv	234214531b79275c3c2091ee9473bb6c3c16403e6e5246d7c3ac08f57360db25	utf-8-sig	254	252	2	0	0	\N	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	complaints	complaints.csv	05a0cd6835a6e88b9fe727b203acf91c930d8b800a21ba373e733b87b6fc50a2	gb18030	29	29	0	0	0	\N	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	purchases	purchases.xlsx	82f5e2006e397d1e0066e3e0797c76a59f130e6ac032f6e6018a762cf9fb322d	xlsx	48	48	0	0	0	\N	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	consultations	consultations.xlsx	cead58022984d72ec42faccf1236274fb5b5a84335dc41218a97537c9fa7cf59	xlsx	3037	3003	28	3	3	\N	\N
f86731ba74d241f9b2110a81172ba7dc	2026-10-01	appeals	appeals.csv	7d260d273e2f879642cb255e5e2730118232bed2621a943ab048085b882fc55d	utf-8	4	2	2	0	0	\N	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	agents	agents.csv	ea248271c06b3cc2ae4244fdf1d6dc88feb4fda2d08c3c4923c6148902d299b0	utf-8-sig	4	3	0	1	0	\N	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	receptions	receptions.csv	7222428d24a5417a2821993df99d6b117a4af26b20d20871ac53f23903929fe9	utf-8-sig	1470	1454	12	2	2	\N	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	surveys	surveys.csv	177acf705c45866964c05f691748fab0e18cfedc3aa3795251dc048cc9121c7a	utf-8-sig	288	286	2	0	0	\N	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	complaints	complaints.csv	a46d8f2f12c1f9a43fd9b00620cc69977358be480f5e19f1402dc109949aa80c	utf-8-sig	41	41	0	0	0	\N	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	purchases	purchases.csv	e07d0041bf1c8fc315698ecf2d8b46fd2e166be0734ae4ec6764a8a9fd82b4d6	utf-8	52	52	0	0	0	\N	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	consultations	consultations.xlsx	f884a26bd02ce07c46dbf8aa1b13e39c8f2f4dc60026ebf979b3b431f1be5b3b	xlsx	3035	3001	28	3	3	\N	\N
1a81a15735324737bbc616cf53c9d7b7	2026-11-01	appeals	appeals.csv	f278bd42484ea033dc353924cfeaedf0afcdfdba2b30feca0ad2016af9f47169	utf-8	4	2	2	0	0	\N	\N
\.


--
-- Data for Name: kpi_stale_month; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_stale_month (month_start, run_id, found_at) FROM stdin;
\.


--
-- Data for Name: kpi_team_monthly; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpi_team_monthly (month_start, store_id, team_id, version, is_current, run_id, scheme_version, agent_count, customers_received, survey_count, satisfaction_avg, satisfaction_pct, satisfied_share, complaint_count, complaint_rate, consultation_count, timely_count, is_team_reward, is_satisfaction_target_met, is_complaint_target_met, is_timeliness_target_met, period_start_on, period_end_on) FROM stdin;
2026-09-01	S001	T1	1	t	bf99da663d0b47f59ef3899547e25ac7	default-2026	1	474	144	3.923611111111111	0.7847222222222223	0.6805555555555556	16	0.03375527426160337	1477	1311	f	f	f	f	\N	\N
2026-09-01	S001	T2	1	t	bf99da663d0b47f59ef3899547e25ac7	default-2026	1	478	146	3.719178082191781	0.7438356164383562	0.6506849315068494	14	0.029288702928870293	1477	1279	f	f	f	f	\N	\N
2026-08-01	S001	T1	1	f	d861a34af6964413a27565bc08a6fdb5	default-2026	1	489	156	4.006410256410256	0.8012820512820513	0.7243589743589743	16	0.032719836400818	1437	1283	f	f	f	f	\N	\N
2026-08-01	S001	T2	1	f	d861a34af6964413a27565bc08a6fdb5	default-2026	1	481	155	3.9161290322580644	0.7832258064516129	0.6709677419354839	15	0.029106029106029108	1437	1244	f	f	f	f	\N	\N
2026-08-01	S001	T1	2	t	db32f5f44b894b0492de63ee2f41fd70	fixture-raise	1	489	156	4.006410256410256	0.8012820512820513	0.7243589743589743	16	0.032719836400818	1437	1283	f	f	f	f	2026-08-01	2026-08-31
2026-08-01	S001	T2	2	t	db32f5f44b894b0492de63ee2f41fd70	fixture-raise	1	481	155	3.9161290322580644	0.7832258064516129	0.6709677419354839	15	0.029106029106029108	1437	1244	f	f	f	f	2026-08-01	2026-08-31
2026-10-01	S001	T1	1	t	f86731ba74d241f9b2110a81172ba7dc	default-2026	1	493	126	4.079365079365079	0.8158730158730159	0.7380952380952381	11	0.02231237322515213	1506	1339	f	f	f	f	2026-10-01	2026-10-31
2026-10-01	S001	T2	1	t	f86731ba74d241f9b2110a81172ba7dc	default-2026	1	463	126	3.9126984126984126	0.7825396825396825	0.6984126984126984	16	0.03455723542116631	1497	1290	f	f	f	f	2026-10-01	2026-10-31
2026-11-01	S001	T1	1	t	1a81a15735324737bbc616cf53c9d7b7	default-2026	1	483	141	4.01418439716312	0.8028368794326242	0.7375886524822695	17	0.035196687370600416	1502	1344	f	f	f	f	2026-11-01	2026-11-30
2026-11-01	S001	T2	1	t	1a81a15735324737bbc616cf53c9d7b7	default-2026	1	476	144	4	0.8	0.7291666666666666	23	0.04411764705882353	1499	1308	f	f	f	f	2026-11-01	2026-11-30
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
-- Name: kpi_completeness kpi_completeness_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpi_completeness
    ADD CONSTRAINT kpi_completeness_pkey PRIMARY KEY (run_id, store_id, source);


--
-- Name: kpi_payroll_adjustment kpi_payroll_adjustment_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpi_payroll_adjustment
    ADD CONSTRAINT kpi_payroll_adjustment_pkey PRIMARY KEY (month_start, agent_id, to_version);


--
-- Name: kpi_payroll_approval kpi_payroll_approval_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpi_payroll_approval
    ADD CONSTRAINT kpi_payroll_approval_pkey PRIMARY KEY (month_start, version);


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
-- Name: kpi_roster_monthly kpi_roster_monthly_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpi_roster_monthly
    ADD CONSTRAINT kpi_roster_monthly_pkey PRIMARY KEY (month_start, agent_id, version);


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
-- Name: kpi_stale_month kpi_stale_month_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpi_stale_month
    ADD CONSTRAINT kpi_stale_month_pkey PRIMARY KEY (month_start, run_id);


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
-- Name: kpi_payroll_export_by_month; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX kpi_payroll_export_by_month ON public.kpi_payroll_export USING btree (month_start);


--
-- Name: kpi_payroll_export_first; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX kpi_payroll_export_first ON public.kpi_payroll_export USING btree (month_start) WHERE (original_export_id IS NULL);


--
-- Name: kpi_run_month; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX kpi_run_month ON public.kpi_run USING btree (month_start, status);


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

\unrestrict vHNfZCWhB4P0IHW9REg39zWCai18Y5OJP7fIApZIXe2excKG41aduAyTpth2GVi

