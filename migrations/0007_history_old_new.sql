ALTER TABLE `history` ADD `old_value` text;--> statement-breakpoint
ALTER TABLE `history` ADD `new_value` text;