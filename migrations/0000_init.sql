CREATE TABLE `actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`initiative_id` integer NOT NULL,
	`title` text NOT NULL,
	`owner_id` text NOT NULL,
	`dept` text NOT NULL,
	`due_date` text,
	`status` text NOT NULL,
	`blocked_reason` text,
	`snoozed_until` integer,
	`last_activity_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `actions_initiative` ON `actions` (`initiative_id`);--> statement-breakpoint
CREATE INDEX `actions_owner_status` ON `actions` (`owner_id`,`status`);--> statement-breakpoint
CREATE INDEX `actions_status_activity` ON `actions` (`status`,`last_activity_at`);--> statement-breakpoint
CREATE TABLE `away_periods` (
	`user_id` text PRIMARY KEY NOT NULL,
	`until` text NOT NULL,
	`set_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `channel_bindings` (
	`key` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`bound_by` text NOT NULL,
	`bound_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	`actor_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE INDEX `history_entity` ON `history` (`entity`,`entity_id`,`at`);--> statement-breakpoint
CREATE INDEX `history_at` ON `history` (`at`);--> statement-breakpoint
CREATE TABLE `initiatives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`tier` text NOT NULL,
	`status` text NOT NULL,
	`lead_dept` text NOT NULL,
	`depts` text NOT NULL,
	`owner_id` text NOT NULL,
	`start_date` text NOT NULL,
	`customer_metric_name` text,
	`customer_baseline` real,
	`customer_target` real,
	`customer_unit` text,
	`business_metric_name` text,
	`business_baseline` real,
	`business_target` real,
	`business_unit` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `initiatives_status_tier` ON `initiatives` (`status`,`tier`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idempotency_key` text NOT NULL,
	`kind` text NOT NULL,
	`recipient` text NOT NULL,
	`payload` text NOT NULL,
	`thread_of` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`sent_channel` text,
	`sent_ts` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idempotency` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `processed_events` (
	`key` text PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `processed_events_received` ON `processed_events` (`received_at`);--> statement-breakpoint
CREATE TABLE `slack_users` (
	`user_id` text PRIMARY KEY NOT NULL,
	`tz` text,
	`is_admin` integer DEFAULT false NOT NULL,
	`is_bot` integer DEFAULT false NOT NULL,
	`fetched_at` integer NOT NULL
);
