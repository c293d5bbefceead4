CREATE TABLE `job_runs` (
	`job` text NOT NULL,
	`period` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`attempts` integer DEFAULT 1 NOT NULL,
	`last_error` text,
	PRIMARY KEY(`job`, `period`)
);
--> statement-breakpoint
CREATE TABLE `reminders_sent` (
	`action_id` integer NOT NULL,
	`recipient_id` text NOT NULL,
	`role` text NOT NULL,
	`local_day` text NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`action_id`, `recipient_id`, `local_day`)
);
