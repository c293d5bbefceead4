CREATE TABLE `metric_charts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`check_id` integer NOT NULL,
	`kind` text NOT NULL,
	`file_id` text,
	`error` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`check_id`) REFERENCES `metric_checks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `metric_charts_check_kind` ON `metric_charts` (`check_id`,`kind`);--> statement-breakpoint
ALTER TABLE `metric_checkins` ADD `source` text DEFAULT 'slack' NOT NULL;--> statement-breakpoint
ALTER TABLE `metric_checkins` ADD `value_date` text;--> statement-breakpoint
CREATE INDEX `metric_checkins_value_date` ON `metric_checkins` (`initiative_id`,`value_date`);